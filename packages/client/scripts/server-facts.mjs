// The server facts generate.mjs writes to src/generated/servers.ts, read from the spec bundle; a module of
// its own so a test can feed it bundles of another shape.
/**
 * The servers the client talks to, from the bundle: the IMS URL template of the top-level `servers` and
 * its `region` variable's default, and the IAM server of KeystoneListProjects (its operation-level
 * `servers`). The regions' enum stays in the spec: the client's runtime does not carry it. Any change of
 * shape stops the generation rather than producing a wrong endpoint.
 */
export function serverFacts(bundle) {
  const fail = (why) => {
    throw new Error(`generate: ${why} (spec/openapi.yaml servers, spec/paths/v3_projects.yaml servers)`);
  };
  const ims = bundle?.servers;
  if (!Array.isArray(ims) || ims.length !== 1) fail(`expected one top-level server, found ${Array.isArray(ims) ? ims.length : 'none'}`);
  const { url, variables } = ims[0] ?? {};
  if (typeof url !== 'string' || !/^https:\/\/[^/{}]*\{region\}[^/{}]*$/.test(url)) fail(`the IMS server url ${JSON.stringify(url)} is not https://…{region}… with no other variable`);
  const names = Object.keys(variables ?? {});
  if (names.join() !== 'region') fail(`the IMS server's variables are [${names}], expected [region]`);
  const region = variables.region ?? {};
  if (typeof region.default !== 'string' || !/^[a-z0-9-]+$/.test(region.default)) fail(`region default ${JSON.stringify(region.default)} is not a region id`);
  if (!Array.isArray(region.enum) || !region.enum.includes(region.default)) fail(`region default ${region.default} is not in the region enum`);
  const iam = bundle.paths?.['/v3/projects']?.get?.servers;
  if (!Array.isArray(iam) || iam.length !== 1) fail(`expected one server on GET /v3/projects, found ${Array.isArray(iam) ? iam.length : 'none'}`);
  if (typeof iam[0].url !== 'string' || !/^https:\/\/[^/{}]+$/.test(iam[0].url) || iam[0].variables) fail(`the IAM server url ${JSON.stringify(iam[0].url)} is not a plain https://host`);
  return { imsUrl: url, defaultRegion: region.default, iamUrl: iam[0].url };
}
