// RFC 3986 percent-encoding as SDK-HMAC-SHA256 defines it: keep A-Z a-z 0-9 - _ . ~, write every other
// UTF-8 byte as %XX (upper-case hex). encodeURIComponent does exactly that except that it also keeps
// ! ' ( ) *, so those five are encoded afterwards. (Input here comes from URLs and header-safe strings,
// which are well-formed UTF-16.)
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Decodes %XX escapes; a malformed escape is kept as written (it is then encoded as literal text). */
export function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
