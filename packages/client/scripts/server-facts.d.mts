/** What scripts/generate.mjs writes to src/generated/servers.ts. */
export interface ServerFacts {
  /** the top-level server's url, with `{region}` */
  imsUrl: string;
  /** its `region` variable's default */
  defaultRegion: string;
  /** the url of GET /v3/projects' own server */
  iamUrl: string;
}
/** Reads them from an OpenAPI bundle; throws, naming what changed, when the bundle has another shape. */
export function serverFacts(bundle: unknown): ServerFacts;
