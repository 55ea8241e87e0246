import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../test-support/laws';
import { registrationReply, registrationReplyCodec, dissectRegistrationReply, parseRegistrationReply, type RegistrationReply } from './registration-reply';
import { replyCodeAccepted, replyCodeName, replyCodeRange, replyCodeText } from './registration-reply-codes';
import { arbRegistrationReply } from './test-support/arbitraries';
import { findNode } from './test-support/tree';
import { EXTENSION_120, RRP_FIXED } from './test-support/vectors';
import { concatBytes } from '../bytes';

// docs/protocol-notes.md §Test vectors ("MD5 key encoding"): regrep starts with the Reply
// fixed part (Code 0, Lifetime 300, home 10.1.0.10, HA 10.1.0.1), followed by 120.
const REPLY_WITH_120 = concatBytes(RRP_FIXED, EXTENSION_120);
const REPLY_REPR: RegistrationReply = registrationReply({
  code: 0,
  lifetime: 300,
  homeAddress: '10.1.0.10',
  homeAgent: '10.1.0.1',
  identification: { high: 0xd5c1e2a0, low: 0x12345678 },
  extensions: [{ kind: 'home-mobile-key-reply', spi: 256, encryptedKey: EXTENSION_120.slice(7) }],
});
// Hand-assembled from RFC 2002 §3.4: Code 90 (not in any table), Lifetime 0, no extensions.
const UNKNOWN_CODE = hexToBytes('03 5a 00 00 0a 01 00 0a 0a 01 00 01 00 00 00 00 00 00 00 07');

const TABLE: readonly [number, RegExp][] = [
  [0, /^registration accepted$/], [1, /simultaneous mobility bindings unsupported/],
  [64, /foreign agent: reason unspecified/], [65, /administratively prohibited/], [66, /insufficient resources/],
  [67, /mobile node failed authentication/], [68, /home agent failed authentication/], [69, /Lifetime too long/],
  [70, /poorly formed Request/], [71, /poorly formed Reply/], [72, /encapsulation unavailable/], [73, /Van Jacobson/],
  [77, /invalid care-of address/], [78, /registration timeout/], [80, /home network unreachable/],
  [81, /home agent host unreachable/], [82, /home agent port unreachable/], [88, /home agent unreachable \(other/],
  [128, /home agent: reason unspecified/], [129, /home agent: administratively prohibited/], [130, /home agent: insufficient resources/],
  [131, /home agent: mobile node failed authentication/], [132, /foreign agent failed authentication/],
  [133, /Identification mismatch/], [134, /home agent: poorly formed Request/], [135, /too many simultaneous mobility bindings/],
  [136, /unknown home agent address/],
  // later RFCs, seen in the registry and Wireshark (RFC 2002 §3.4)
  [74, /reverse tunnel unavailable/], [75, /reverse tunnel is mandatory/], [76, /too distant/], [79, /delivery style/],
  [137, /home agent: requested reverse tunnel unavailable/], [138, /home agent: reverse tunnel is mandatory/], [139, /home agent: requested encapsulation unavailable/],
];

describe('Registration Reply (RFC 2002 §3.4)', () => {
  it('encodes and decodes the Reply of the docs/protocol-notes.md §Test vectors key-encoding vector (fixed part + 120)', () => {
    expectGolden(registrationReplyCodec, REPLY_REPR, REPLY_WITH_120);
  });

  it('keeps a code no table defines, so it round-trips', () => {
    expectGolden(registrationReplyCodec, registrationReply({ code: 90, lifetime: 0, homeAddress: '10.1.0.10', homeAgent: '10.1.0.1', identification: { high: 0, low: 7 } }), UNKNOWN_CODE);
  });

  it('names every Code of RFC 2002 §3.4, including the later-RFC ones', () => {
    for (const [code, name] of TABLE) expect(replyCodeName(code), `code ${code}`).toMatch(name);
    expect(replyCodeText(74)).toMatch(/later RFC, not used by the lab/);
    expect(replyCodeText(77)).toMatch(/RFC 3344/);
  });

  it('shows unknown codes as unknown, with the range that says who denied (RFC 2002 §3.4)', () => {
    expect(replyCodeName(2)).toBe('unknown(2): accepted');
    expect(replyCodeName(90)).toBe('unknown(90): denied by the foreign agent');
    expect(replyCodeName(200)).toBe('unknown(200): denied by the home agent');
    expect(replyCodeRange(63)).toBe('accepted');
    expect(replyCodeAccepted(1)).toBe(true);
    expect(replyCodeAccepted(64)).toBe(false);
  });

  it('refuses a short fixed part and a wrong Type', () => {
    expect(parseRegistrationReply(RRP_FIXED.slice(0, 19))).toMatchObject({ ok: false, error: { layer: 'Registration Reply', field: 'fixed part', offset: 0 } });
    expect(parseRegistrationReply(concatBytes(hexToBytes('01'), RRP_FIXED.slice(1)))).toMatchObject({ ok: false, error: { field: 'Type' } });
  });

  it('dissects Code and Lifetime the way a learner reads them', () => {
    const d = dissectRegistrationReply(REPLY_WITH_120);
    if (!d.ok) throw new Error(d.error.reason);
    expect(findNode(d.value, 'Code')).toMatchObject({ offset: 1, length: 1, value: '0 (registration accepted)' });
    expect(findNode(d.value, 'Lifetime')).toMatchObject({ offset: 2, value: '300 s' });
    expect(findNode(d.value, 'Identification')).toMatchObject({ offset: 12, length: 8 });
    expect(findNode(d.value, 'Home-Mobile Key Reply extension')).toMatchObject({ offset: 20, length: 23 });
    const tooLong = RRP_FIXED.slice(); tooLong[1] = 69; tooLong[2] = 0; tooLong[3] = 60;
    const d69 = dissectRegistrationReply(tooLong);
    expect(d69.ok && findNode(d69.value, 'Lifetime').value).toBe('60 s (the longest Lifetime the foreign agent accepts)');
    const d90 = dissectRegistrationReply(UNKNOWN_CODE);
    expect(d90.ok && findNode(d90.value, 'Code').value).toBe('90 (unknown(90): denied by the foreign agent)');
    expect(d90.ok && findNode(d90.value, 'Lifetime').value).toMatch(/meaningless/);
  });

  it('round-trips any Reply', () => {
    checkRoundTrip(registrationReplyCodec, arbRegistrationReply, undefined, 300);
  });

  it('every truncation is a typed error or, at an extension boundary, the shorter Reply', () => {
    checkEveryTruncation(registrationReplyCodec, REPLY_WITH_120);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(registrationReplyCodec, [REPLY_WITH_120, UNKNOWN_CODE], 1000);
  });
});
