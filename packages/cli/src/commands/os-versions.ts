// `os-versions`: ListOsVersions as the table people need to pick --os-version, or JSON.
import { ImsApiError } from '@ims-quick-import/client';
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

/**
 * An error answer of the typed GET → ImsApiError, read from either envelope (the image service's
 * `{error: {code, message}}`, the gateway's `{error_code, error_msg, request_id}`) as the client does.
 */
export function apiErrorOf(response: Response, body: unknown): ImsApiError {
  const b = (body && typeof body === 'object' ? body : {}) as { error?: { code?: string; message?: string }; error_code?: string; error_msg?: string; request_id?: string };
  const code = b.error?.code ?? b.error_code;
  const requestId = response.headers.get('x-request-id') ?? b.request_id;
  const detail = b.error?.message ?? b.error_msg ?? (typeof body === 'string' ? body.slice(0, 300) : response.statusText);
  return new ImsApiError(`IMS API ${response.status}${code ? ` ${code}` : ''}: ${detail}`, { status: response.status, body, code, requestId });
}

export async function osVersionsCommand(ctx: Context, o: { tag?: string[]; platform?: string; json?: boolean }): Promise<ExitCode> {
  const { out, m } = ctx;
  const { client } = connect(ctx.globals, out, m);
  // Sent as given (repeated ?tag=…): the service judges the values, not this command.
  const query = o.tag?.length ? { tag: o.tag as ('arm' | 'bms' | 'uefi' | 'x86')[] } : {};
  const { data, error, response } = await client.GET('/v1/cloudimages/os_version', { params: { query } });
  if (!response.ok || !Array.isArray(data)) throw apiErrorOf(response, error ?? data);
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
