import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const [entry, ...flags] = process.argv.slice(2);
const r = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, metafile: true, logLevel: 'silent', external: ['openapi-fetch'] });
const code = r.outputFiles[0].contents;
console.log(entry, 'min', code.length, 'gzip6', gzipSync(code).length, 'gzip9', gzipSync(code, { level: 9 }).length);
if (flags.includes('-v')) for (const [f, v] of Object.entries(Object.values(r.metafile.outputs)[0].inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) console.log('  ', v.bytesInOutput, f);
if (flags.includes('-p')) console.log(Buffer.from(code).toString());
