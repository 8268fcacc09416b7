// What `--version` prints: this package's version and the spec version it was built from. The spec version
// is read from the validators (built from the same bundle as the client, which check:pr's drift check
// holds them to), so that `--version`, `--help` and `validate` never load the client's HTTP stack.
import { SPEC_VERSION } from '@ims-quick-import/validators';
import pkg from '../package.json' with { type: 'json' };

export const CLI_VERSION: string = pkg.version;
export { SPEC_VERSION };
