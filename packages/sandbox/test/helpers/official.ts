// Huawei's official Node.js SDK stack (a devDependency), as an independent client of the sandbox.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const core = require('@huaweicloud/huaweicloud-sdk-core');
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder');

let quieted = false;

export interface OfficialClient {
  sendRequest(options: unknown): Promise<any>;
}

/** An HcClient as ImsClient builds it; `securityToken` makes it sign with temporary credentials. */
export function officialClient(endpoint: string, c: { ak: string; sk: string; securityToken?: string; projectId?: string }): OfficialClient {
  if (!quieted) {
    // Building a client writes ~/.huaweicloud/application_id; keep that out of the real home. The SDK
    // also logs every failure at ERROR, and the tests provoke failures on purpose.
    process.env.HOME = mkdtempSync(join(tmpdir(), 'ims-home-'));
    createRequire(require.resolve('@huaweicloud/huaweicloud-sdk-core'))('log4js').getLogger().level = 'off';
    quieted = true;
  }
  let credential = new core.BasicCredentials().withAk(c.ak).withSk(c.sk);
  if (c.securityToken) credential = credential.withSecurityToken(c.securityToken);
  if (c.projectId) credential = credential.withProjectId(c.projectId);
  return new ClientBuilder((hc: unknown) => hc).withCredential(credential).withEndpoint(endpoint).build();
}

/** What ImsClient.importImageQuick passes to HcClient.sendRequest. */
export const importOptions = (data: unknown) => ({
  method: 'POST',
  url: '/v2/cloudimages/quickimport/action',
  contentType: 'application/json;charset=UTF-8',
  queryParams: {},
  pathParams: {},
  headers: {},
  data,
});

/** The official IAM service object the SDK uses for project id discovery (KeystoneListProjects). */
export function officialIamService(client: OfficialClient, iamEndpoint: string): { getProjectId(region: string): Promise<string>; keystoneListProjects(req: unknown): Promise<any> } {
  const { IamService } = require('@huaweicloud/huaweicloud-sdk-core/internal/services/iam.service');
  return new IamService(client, iamEndpoint);
}

export function officialListProjectsRequest(name: string): unknown {
  const { KeystoneListProjectsRequest } = require('@huaweicloud/huaweicloud-sdk-core/internal/model/KeystoneListProjectsRequest');
  const r = new KeystoneListProjectsRequest();
  r.name = name;
  return r;
}
