// `os-versions`: ListOsVersions as the table people need to pick --os-version, or JSON.
import { apiErrorFromAnswer } from '@ims-quick-import/client';
import { connect } from '../connect.js';
import type { Context } from '../context.js';
import { EXIT, type ExitCode } from '../errors.js';
import { displayWidth, oneLine } from '../text.js';

interface OsVersion {
  platform?: string;
  os_version: string;
  os_bit?: number;
  os_type?: string;
}

export async function osVersionsCommand(ctx: Context, o: { tag?: string[]; platform?: string; json?: boolean }): Promise<ExitCode> {
  const { out, m } = ctx;
  const { client, credentials } = connect(ctx.globals, out, m);
  // Sent as given (repeated ?tag=…): the service judges the values, not this command.
  const query = o.tag?.length ? { tag: o.tag as ('arm' | 'bms' | 'uefi' | 'x86')[] } : {};
  const { data, error, response } = await client.GET('/v1/cloudimages/os_version', { params: { query } });
  // The client's own reading of an error answer (both envelopes, the clock-skew hint), secrets redacted.
  if (!response.ok || !Array.isArray(data)) throw apiErrorFromAnswer(response, error ?? data, [...credentials.secrets, ...credentials.auth.secrets()], 'the answer is not a list of OS versions');
  const wanted = o.platform?.toLowerCase();
  const groups = data.filter((g) => !wanted || g.platform.toLowerCase() === wanted);
  if (o.json) {
    out.json(groups);
    return EXIT.ok;
  }
  const rows: string[][] = groups.flatMap((g) =>
    (g.version_list as OsVersion[]).map((v) => [v.platform ?? g.platform, v.os_version, v.os_bit !== undefined ? String(v.os_bit) : '', v.os_type ?? ''].map(oneLine)),
  );
  if (!rows.length) {
    out.err(m.noOsVersions);
    return EXIT.ok;
  }
  const header = [m.colPlatform, m.colOsVersion, m.colBits, m.colOsType];
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - displayWidth(c)))).join('  ').trimEnd();
  out.out(out.paint('out', 'bold', line(header)));
  for (const row of rows) out.out(line(row));
  return EXIT.ok;
}
