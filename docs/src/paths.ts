// Where things are, from this package's root (src/ and build/ both sit one level below it).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_DIR = join(PACKAGE_DIR, 'dist');
export const GENERATED_DIR = join(PACKAGE_DIR, 'src', 'generated');
export const GUIDES_PATH = join(PACKAGE_DIR, 'guides');
export const ARTIFACTS_DIR = join(PACKAGE_DIR, 'artifacts');
export const TEMPLATE_PATH = join(PACKAGE_DIR, 'template.hbs');
export const SITE_HTML = join(DIST_DIR, 'index.html');
export const SITE_SPEC = join(DIST_DIR, 'openapi.docs.json');
export const DECISIONS_DIR = join(PACKAGE_DIR, 'decisions');
export const I18N_DIR = join(PACKAGE_DIR, 'i18n');
/** Where an edition's files go: dist/ for English, dist/zh-CN/ for Chinese. */
export const editionDir = (dir: string): string => (dir ? join(DIST_DIR, dir) : DIST_DIR);
