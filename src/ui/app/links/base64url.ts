// base64url (RFC 4648 §5) for run links: the alphabet that needs no escaping
// in a page address. Decoding is strict — a character outside the alphabet or
// a length no encoder writes is refused with where it is, never thrown.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

export function bytesToBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    if (b !== undefined) out += ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    if (c !== undefined) out += ALPHABET[c & 63]!;
  }
  return out;
}

/** The bytes, or why `text` is not base64url (the first bad character and its place, counted from 1). */
export function base64UrlToBytes(text: string): { ok: true; bytes: Uint8Array } | { ok: false; problem: string } {
  const clean = text.replace(/=+$/, ''); // padding is optional (RFC 4648 §3.2)
  if (clean.length % 4 === 1) return { ok: false, problem: `its length (${clean.length} characters) is not one base64url can have — it was cut short` };
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let k = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = VALUE.get(clean[i]!);
    if (v === undefined) return { ok: false, problem: `character ${i + 1} ("${clean[i]}") is not base64url` };
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[k++] = (acc >> bits) & 0xff;
    }
  }
  return { ok: true, bytes };
}
