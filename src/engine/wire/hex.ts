// Hex text as people paste it — "45 00 00 4a", "4500004a", "45:00:00:4a",
// "0x45, 0x00", a Wireshark "Copy as Hex Stream", or a hexdump with offsets —
// into bytes, with an error that says what and where.

export type HexParse = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: string };

/** Hard limit: an IPv4 datagram is at most 65535 octets. */
const MAX_OCTETS = 65535;

export function parseHexInput(text: string): HexParse {
  // Drop hexdump offset columns ("0000  45 00 …" / "00000010: …") line by line.
  const lines = text.split(/\r?\n/).map((l) => l.replace(/^\s*[0-9a-fA-F]{4,8}(:|\s{2,})\s*/, (m) => (/[:]|\s{2,}/.test(m) ? '' : m)));
  const joined = lines.join(' ').replace(/0x/gi, ' ');
  let digits = '';
  for (let i = 0; i < joined.length; i++) {
    const ch = joined[i]!;
    if (/[0-9a-fA-F]/.test(ch)) digits += ch;
    else if (!/[\s,:;.\-_]/.test(ch)) return { ok: false, reason: `character ${JSON.stringify(ch)} at position ${i + 1} is not a hex digit` };
  }
  if (digits.length === 0) return { ok: false, reason: 'no hex digits given' };
  if (digits.length % 2 !== 0) return { ok: false, reason: `odd number of hex digits (${digits.length}): each octet needs two` };
  if (digits.length / 2 > MAX_OCTETS) return { ok: false, reason: `${digits.length / 2} octets is more than an IPv4 datagram can hold (${MAX_OCTETS})` };
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return { ok: true, bytes };
}
