// `pnpm generate`: writes src/generated/** from the bundle and the guides (see generated-files.ts).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles } from '../generated-files.js';
import { loadGuides } from '../guides.js';
import { GENERATED_DIR } from '../paths.js';
import { loadBundle } from '../spec-source.js';

const doc = loadBundle();
const files = generatedFiles(doc, loadGuides());
rmSync(GENERATED_DIR, { recursive: true, force: true });
for (const file of files) {
  const target = join(GENERATED_DIR, file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.content);
}
console.log(`generated ${files.length} files in src/generated from spec ${doc.info.version}`);
