import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentSolicitation, agentSolicitationCodec, parseAgentSolicitation, type AgentSolicitation } from './agent-solicitation';
import { keepingReceivedChecksum } from './test-support/received-checksum';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from './test-support/laws';

// Assembled by hand from RFC 2002 §2.2, §2.4: Type 10, Code 0, Checksum, Reserved 0.
// The only non-zero word is 0x0a00, so the checksum is ~0x0a00 = 0xf5ff.
const GOLDEN = hexToBytes('0a 00 f5 ff 00 00 00 00');

describe('Agent Solicitation', () => {
  it('encodes the solicitation a mobile node sends (type 10, code 0, checksum 0xf5ff)', () => {
    expectGolden(agentSolicitationCodec, agentSolicitation(), GOLDEN, { ...agentSolicitation(), checksumValid: true });
  });

  it('keeps a non-zero Code and Reserved for round trip and warns about both', () => {
    // code 1, reserved 0x00000001: sum 0x0a01 + 0x0001 = 0x0a02 → checksum 0xf5fd
    const bytes = hexToBytes('0a 01 f5 fd 00 00 00 01');
    expect(parseAgentSolicitation(bytes)).toEqual({ ok: true, value: { code: 1, reserved: 1, trailing: new Uint8Array(0), checksumValid: true } });
    const d = agentSolicitationCodec.dissect(bytes);
    expect(d.ok && d.value.children?.map((c) => c.warning).filter(Boolean)).toEqual(['code 1 is not defined for type 10', 'reserved: should be sent as 0 (RFC 1256)']);
  });

  it('accepts an ICMP length above 8 (RFC 1256) and keeps the extra octets', () => {
    // + 2 octets 12 34: sum 0x0a00 + 0x1234 = 0x1c34 → checksum 0xe3cb
    const bytes = hexToBytes('0a 00 e3 cb 00 00 00 00 12 34');
    const expected: AgentSolicitation = { code: 0, reserved: 0, trailing: hexToBytes('12 34'), checksumValid: true };
    expectGolden(agentSolicitationCodec, { ...expected, checksumValid: undefined }, bytes, expected);
  });

  it('flags a bad checksum instead of failing', () => {
    const bytes = GOLDEN.slice();
    bytes[2] = 0;
    expect(parseAgentSolicitation(bytes)).toMatchObject({ ok: true, value: { checksumValid: false } });
  });

  it('refuses another ICMP type', () => {
    expect(parseAgentSolicitation(hexToBytes('09 00 f6 ff 00 00 00 00'))).toMatchObject({ ok: false, error: { field: 'Type', offset: 0 } });
  });

  it('dissects into Type, Code, Checksum, Reserved', () => {
    const d = agentSolicitationCodec.dissect(GOLDEN);
    expect(d.ok && d.value.children?.map((c) => [c.name, c.offset, c.length, c.value])).toEqual([
      ['Type', 0, 1, '10 (Router Solicitation)'],
      ['Code', 1, 1, '0 (solicitation)'],
      ['Checksum', 2, 2, '0xf5ff [correct]'],
      ['Reserved', 4, 4, '0x00000000'],
    ]);
  });

  const arb: fc.Arbitrary<AgentSolicitation> = fc.record({
    code: fc.integer({ min: 0, max: 255 }),
    reserved: fc.nat().map((n) => n >>> 0),
    trailing: fc.uint8Array({ maxLength: 12 }),
  });

  it('round-trips any solicitation', () => {
    checkRoundTrip(agentSolicitationCodec, arb, (s) => ({ ...s, checksumValid: undefined }));
  });

  it('returns a typed error for every truncation of the 8-octet message', () => {
    checkEveryTruncation(agentSolicitationCodec, GOLDEN, true);
    checkEveryTruncation(keepingReceivedChecksum(agentSolicitationCodec, 2), hexToBytes('0a 00 e3 cb 00 00 00 00 12 34'));
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(agentSolicitationCodec, [GOLDEN]);
  });
});
