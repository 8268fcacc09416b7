// IAM's KeystoneListProjects (`GET /v3/projects?name={region}`), the call the official SDKs make to find
// the project id of AK/SK credentials that carry none (research/credentials.md, iam_service.go). The
// sandbox serves it on its own port, behind the same gateway checks as the IMS operations.
import { REGIONS } from '../generated/spec-data.js';

export const IAM_PROJECTS_PATH = '/v3/projects';

/** The project id the sandbox answers with for every region unless `iamProjects` says otherwise. */
export const DEFAULT_PROJECT_ID = '5b0ba1e52f8f4b9d9c2a3e1f0a7c6d48';
/** The account (domain) every emulated project belongs to. */
export const SANDBOX_DOMAIN_ID = '9e1d6c3b2a7f4e5d8c0b1a2f3e4d5c6b';

export interface IamProject {
  id: string;
  name: string;
}

/** Projects are answered in IAM's shape: each with its domain, `links` and flags. */
function projectView(p: IamProject, base: string) {
  return {
    id: p.id,
    name: p.name,
    domain_id: SANDBOX_DOMAIN_ID,
    parent_id: SANDBOX_DOMAIN_ID,
    is_domain: false,
    enabled: true,
    description: '',
    links: { self: `${base}${IAM_PROJECTS_PATH}/${encodeURIComponent(p.id)}`, previous: null, next: null },
  };
}

export class IamProjects {
  private readonly projects: readonly IamProject[];
  calls = 0;

  /** `projects` replaces the default (one project per region of the spec, all with DEFAULT_PROJECT_ID). */
  constructor(projects?: readonly IamProject[]) {
    this.projects = projects ?? REGIONS.map((name) => ({ id: DEFAULT_PROJECT_ID, name }));
  }

  /**
   * The answer to `GET /v3/projects?<rawQuery>`; `base` is the URL the caller used (for `links`). Only
   * `name` filters; IAM's other filters (domain_id, enabled, …) match every emulated project anyway.
   */
  list(rawQuery: string, base: string) {
    const name = new URLSearchParams(rawQuery).get('name');
    const found = name === null ? this.projects : this.projects.filter((p) => p.name === name);
    return {
      projects: found.map((p) => projectView(p, base)),
      links: { self: `${base}${IAM_PROJECTS_PATH}${rawQuery ? `?${rawQuery}` : ''}`, previous: null, next: null },
    };
  }
}
