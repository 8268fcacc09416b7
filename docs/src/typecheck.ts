// Type-checks generated TypeScript (the code samples and the guides' ts blocks) against the published types
// of @ims-quick-import/client and @ims-quick-import/validators — their dist .d.ts, reached through the
// packages' exports exactly as a user's project would. Sources may be overridden in memory, which is how
// the tests prove the check fails on a wrong sample.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The workspace's strict compiler options (tsconfig.base.json), with no output. */
export function compilerOptions(): ts.CompilerOptions {
  const basePath = resolve(PACKAGE_DIR, '../tsconfig.base.json');
  const read = ts.readConfigFile(basePath, (p) => readFileSync(p, 'utf8'));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent({ ...read.config, files: [] }, ts.sys, PACKAGE_DIR);
  return { ...parsed.options, noEmit: true, types: ['node'], skipLibCheck: true };
}

export interface TypeProblem {
  file: string;
  line: number;
  message: string;
}

/** Type-checks the given files (absolute paths); `overrides` replaces a file's text without touching disk. */
export function typecheckFiles(files: string[], overrides: Record<string, string> = {}): TypeProblem[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => overrides[resolve(name)] ?? readFile(name);
  host.fileExists = (name) => resolve(name) in overrides || fileExists(name);
  host.getSourceFile = (name, version, onError, create) => {
    const text = overrides[resolve(name)];
    return text === undefined ? getSourceFile(name, version, onError, create) : ts.createSourceFile(name, text, version);
  };
  const program = ts.createProgram({ rootNames: files, options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const position = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return {
      file: d.file?.fileName ?? '(global)',
      line: position ? position.line + 1 : 0,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    };
  });
}

export function formatProblems(problems: TypeProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}
