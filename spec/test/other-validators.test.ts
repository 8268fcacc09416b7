// Tools nobody here wrote read the bundle too. Besides the validator in document.test.ts, Spectral's
// `spectral:oas` recommended rules and swagger-parser's validation must pass. Both once failed on
// shapes that are valid OpenAPI 3.1 (a `type: array` without `items` in the `not` that forbids tags
// with image_tags; a server variable's `description`, which the 3.1 schema bundled with swagger-parser
// spells `descriptions`), so the spec avoids those shapes instead of asking users to ignore errors.
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { expect, it } from 'vitest';
import { bundlePath } from './bundle.js';

const yamlPath = bundlePath.replace(/\.json$/, '.yaml');

it("passes Spectral's spectral:oas rules with no finding at any severity", async () => {
  const spectral = new spectralCore.Spectral();
  spectral.setRuleset({ extends: [[oas as spectralCore.RulesetDefinition, 'recommended']] });
  const results = await spectral.run(new spectralCore.Document(readFileSync(yamlPath, 'utf8'), spectralParsers.Yaml, yamlPath));
  expect(results.map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`)).toEqual([]);
});

it("passes swagger-parser's validation (its OpenAPI 3.1 schema and $ref checks)", async () => {
  await expect(SwaggerParser.validate(bundlePath)).resolves.toBeTruthy();
});
