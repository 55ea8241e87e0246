// UTF-8 for pcapng string options (interface names, packet comments). Written
// out because the engine is compiled without the DOM/Node libs that declare
// TextEncoder/TextDecoder (src/engine/tsconfig.json). Both directions always
// produce well-formed output: a lone surrogate is encoded as U+FFFD, and an
// invalid byte sequence decodes as U+FFFD — a capture file's text never throws.

const REPLACEMENT = 0xfffd;

/** Text → UTF-8 octets; lone surrogates become U+FFFD so the result is valid UTF-8. */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = REPLACEMENT; // `for…of` yields a lone surrogate on its own
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

/**
 * UTF-8 octets → text, by the WHATWG decoder algorithm (what a non-fatal
 * TextDecoder does): each maximal invalid subsequence — an overlong form, an
 * encoded surrogate, a code point above U+10FFFF, a stray continuation octet,
 * a cut-off sequence — decodes as one U+FFFD.
 */
export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const codePoints: number[] = [];
  let needed = 0;
  let seen = 0;
  let codePoint = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (needed === 0) {
      if (b <= 0x7f) codePoints.push(b);
      else if (b >= 0xc2 && b <= 0xdf) [needed, codePoint] = [1, b & 0x1f];
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0; // no overlong 3-octet forms
        if (b === 0xed) upper = 0x9f; // no surrogates
        [needed, codePoint] = [2, b & 0x0f];
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90; // no overlong 4-octet forms
        if (b === 0xf4) upper = 0x8f; // nothing above U+10FFFF
        [needed, codePoint] = [3, b & 0x07];
      } else codePoints.push(REPLACEMENT);
      continue;
    }
    if (b < lower || b > upper) {
      codePoints.push(REPLACEMENT);
      [needed, seen, codePoint, lower, upper] = [0, 0, 0, 0x80, 0xbf];
      i--; // this octet starts something new: read it again
      continue;
    }
    [lower, upper] = [0x80, 0xbf];
    codePoint = (codePoint << 6) | (b & 0x3f);
    if (++seen === needed) {
      codePoints.push(codePoint);
      [needed, seen, codePoint] = [0, 0, 0];
    }
  }
  if (needed !== 0) codePoints.push(REPLACEMENT);
  let s = '';
  for (let k = 0; k < codePoints.length; k += 4096) s += String.fromCodePoint(...codePoints.slice(k, k + 4096));
  return s;
}
