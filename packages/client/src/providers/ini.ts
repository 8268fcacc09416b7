// A small INI reader for Huawei's credentials file (~/.huaweicloud/credentials), written here rather than
// taken from npm (ADR in the README, "Profile file"): the file is `[section]` headers and `key = value`
// lines with `#`/`;` comments, nothing more, and the popular `ini` package reads it differently from the
// official SDKs (it nests `[a.b]` sections, turns `true`/`false` into booleans and unquotes values).
// This reader keeps every value a string, exactly as written between the `=` and the end of the line,
// trimmed; it never throws on a line it does not understand, it reports it.

export interface IniFile {
  sections: Map<string, Map<string, string>>;
  /** 1-based numbers of lines that are neither a section, a key = value, a comment nor blank */
  unreadable: number[];
}

export function parseIni(text: string): IniFile {
  const sections = new Map<string, Map<string, string>>();
  const unreadable: number[] = [];
  let current: Map<string, string> | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = header[1]!.trim();
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0 || !current) return void unreadable.push(i + 1);
    // A later key wins, as in the official readers; keys are case-sensitive like theirs (ak, sk, ...).
    current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  });
  return { sections, unreadable };
}
