import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectEmitsGolden, expectGolden, hexToBytes } from '../test-support/laws';
import {
  destinationOptionsCodec, homeAddressOf, hopByHopCodec, optionAction, withPadding, type Ipv6Option, type OptionsHeader,
} from './destination-options';
import { formatIpv6 } from './ipv6-address';

// Assembled by hand from RFC 8200 §4.2/§4.6 and RFC 6275 §6.3: Next Header 135 (MH), Hdr Ext Len 2
// (24 octets); PadN with 2 data octets (01 02 00 00) so the option lands at offset 6 = 8·0 + 6;
// Home Address option: type 0xc9, length 16, 2001:db8:1::10.
const HAO_HEADER = hexToBytes(`
  87 02 01 02 00 00 c9 10
  20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 10`);
const HAO_REPR: OptionsHeader = {
  nextHeader: 135,
  options: [{ kind: 'padn', length: 2 }, { kind: 'home-address', homeAddress: '2001:db8:1::10' }],
};

// Next Header 59, Hdr Ext Len 0 (8 octets): an unknown option of type 0x1e (00: skip) with one data
// octet 0xab, then three Pad1.
const UNKNOWN_HEADER = hexToBytes('3b 00 1e 01 ab 00 00 00');
const UNKNOWN_REPR: OptionsHeader = { nextHeader: 59, options: [{ kind: 'unknown', type: 0x1e, data: hexToBytes('ab') }, { kind: 'pad1' }, { kind: 'pad1' }, { kind: 'pad1' }] };

describe('Destination Options header with the Home Address option', () => {
  it('encodes and decodes the hand-assembled header (PadN then HAO at 8n+6)', () => {
    expectGolden(destinationOptionsCodec, HAO_REPR, HAO_HEADER, { ...HAO_REPR, unrecognized: [] });
  });

  it('lays out a lone Home Address option exactly as the golden bytes', () => {
    expect(withPadding(135, [{ kind: 'home-address', homeAddress: '2001:db8:1::10' }])).toEqual(HAO_REPR);
  });

  it('pads any option list so every Home Address option sits at 8n+6 and the header is a multiple of 8', () => {
    const arbOption: fc.Arbitrary<Ipv6Option> = fc.oneof(
      fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b): Ipv6Option => ({ kind: 'home-address', homeAddress: formatIpv6(b) })),
      fc.tuple(fc.integer({ min: 2, max: 255 }).filter((t) => t !== 201), fc.uint8Array({ maxLength: 20 })).map(([type, data]): Ipv6Option => ({ kind: 'unknown', type, data })),
    );
    fc.assert(fc.property(fc.array(arbOption, { maxLength: 5 }), (options) => {
      const h = withPadding(60, options);
      const bytes = new Uint8Array(destinationOptionsCodec.length(h));
      destinationOptionsCodec.emit(h, bytes);
      expect(bytes.length % 8).toBe(0);
      const parsed = destinationOptionsCodec.parse(bytes);
      expect(parsed.ok).toBe(true);
      expect(parsed.ok && parsed.value.options.filter((o) => o.kind !== 'pad1' && o.kind !== 'padn')).toEqual(options);
      let at = 2;
      for (const o of h.options) {
        if (o.kind === 'home-address') expect(at % 8).toBe(6);
        at += o.kind === 'pad1' ? 1 : o.kind === 'padn' ? 2 + o.length : o.kind === 'home-address' ? 18 : 2 + o.data.length;
      }
    }));
  });

  it('keeps an unknown option as bytes and reports the action its type asks for, with its offset', () => {
    expectEmitsGolden(destinationOptionsCodec, UNKNOWN_REPR, UNKNOWN_HEADER);
    expect(destinationOptionsCodec.parse(UNKNOWN_HEADER)).toEqual({ ok: true, value: { ...UNKNOWN_REPR, unrecognized: [{ type: 0x1e, action: 'skip', offset: 2 }] } });
    // The offset is absolute (a Parameter Problem pointer counts from the start of the packet).
    const inPacket = new Uint8Array(48);
    inPacket.set(UNKNOWN_HEADER, 40);
    const r40 = destinationOptionsCodec.parse(inPacket, 40);
    expect(r40.ok && r40.value.unrecognized).toEqual([{ type: 0x1e, action: 'skip', offset: 42 }]);
    const discard = UNKNOWN_HEADER.slice();
    discard[2] = 0xde; // 11: discard and report unless multicast
    const r = destinationOptionsCodec.parse(discard);
    expect(r.ok && r.value.unrecognized).toEqual([{ type: 0xde, action: 'discard-and-report-unless-multicast', offset: 2 }]);
    const shown = destinationOptionsCodec.dissect(discard);
    expect(shown.ok && shown.value.children?.[2]?.warning).toMatch(/discards the packet and sends ICMPv6 Parameter Problem code 2/);
    const skipped = destinationOptionsCodec.dissect(UNKNOWN_HEADER);
    expect(skipped.ok && skipped.value.children?.[2]).toMatchObject({ name: 'Unknown option (type 30)', value: '1 octet of data; skip if unrecognised' });
    expect(skipped.ok && skipped.value.children?.[2]?.warning).toBeUndefined();
  });

  it('reads the action from the top two bits of the type (RFC 8200 §4.2)', () => {
    expect([0x1e, 0x5e, 0x9e, 0xde, 201].map(optionAction)).toEqual(['skip', 'discard', 'discard-and-report', 'discard-and-report-unless-multicast', 'discard-and-report-unless-multicast']);
  });

  it('refuses a Home Address option whose length is not 16, and an option running past the header', () => {
    const badLength = HAO_HEADER.slice();
    badLength[7] = 0x0f;
    expect(destinationOptionsCodec.parse(badLength)).toEqual({ ok: false, error: { layer: 'Destination Options', field: 'Home Address option length', offset: 7, reason: '15, must be 16 (RFC 6275 §6.3)' } });
    const overrun = hexToBytes('3b 00 1e 09 ab 00 00 00');
    expect(destinationOptionsCodec.parse(overrun)).toMatchObject({ ok: false, error: { field: 'Option Data', offset: 4 } });
    expect(destinationOptionsCodec.parse(hexToBytes('3b 01 00 00 00 00 00 00'))).toMatchObject({ ok: false, error: { field: 'Hdr Ext Len', reason: 'says 16 octets, only 8 remain' } });
  });

  it('dissects each option by name and warns about a misaligned Home Address option', () => {
    const d = destinationOptionsCodec.dissect(HAO_HEADER);
    expect(d.ok && d.value.children?.map((c) => c.name)).toEqual(['Next Header', 'Hdr Ext Len', 'PadN', 'Home Address option']);
    expect(d.ok && d.value.value).toBe('Home Address 2001:db8:1::10');
    const hao = d.ok ? d.value.children?.[3] : undefined;
    expect(hao?.warning).toBeUndefined();
    expect(hao?.children?.[0]?.value).toMatch(/^201 \(0xc9: Home Address \(RFC 6275 §6\.3\); discard and send Parameter Problem \(unless multicast\)/);
    const misaligned = hexToBytes('87 02 00 00 c9 10 20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 10 00 00');
    const m = destinationOptionsCodec.dissect(misaligned);
    expect(m.ok && m.value.children?.find((c) => c.name === 'Home Address option')?.warning).toMatch(/8n\+6/);
  });

  it('treats option 201 in a Hop-by-Hop header as unknown (the Home Address option belongs in Destination Options)', () => {
    const r = hopByHopCodec.parse(HAO_HEADER);
    expect(r.ok && r.value.options[1]).toMatchObject({ kind: 'unknown', type: 201 });
    expect(r.ok && homeAddressOf(r.value)).toBeUndefined();
    const d = hopByHopCodec.dissect(HAO_HEADER);
    expect(d.ok && d.value.name).toBe('Hop-by-Hop Options');
  });

  const arbHeader: fc.Arbitrary<OptionsHeader> = fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.array(fc.oneof(
      fc.constant<Ipv6Option>({ kind: 'pad1' }),
      fc.integer({ min: 0, max: 6 }).map((length): Ipv6Option => ({ kind: 'padn', length })),
      fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b): Ipv6Option => ({ kind: 'home-address', homeAddress: formatIpv6(b) })),
      fc.tuple(fc.integer({ min: 2, max: 255 }).filter((t) => t !== 201), fc.uint8Array({ maxLength: 12 })).map(([type, data]): Ipv6Option => ({ kind: 'unknown', type, data })),
    ), { maxLength: 6 }))
    .map(([nextHeader, options]) => {
      const used = options.reduce((n, o) => n + (o.kind === 'pad1' ? 1 : o.kind === 'padn' ? 2 + o.length : o.kind === 'home-address' ? 18 : 2 + o.data.length), 2);
      const pad = (8 - (used % 8)) % 8;
      return { nextHeader, options: [...options, ...(pad === 0 ? [] : pad === 1 ? [{ kind: 'pad1' } as const] : [{ kind: 'padn', length: pad - 2 } as const])] };
    });

  it('round-trips any header, padding included', () => {
    checkRoundTrip(destinationOptionsCodec, arbHeader, (h) => ({ ...h, unrecognized: undefined }));
  });

  it('returns a typed error for every truncation', () => {
    checkEveryTruncation(destinationOptionsCodec, HAO_HEADER, true);
    checkEveryTruncation(hopByHopCodec, UNKNOWN_HEADER, true);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(destinationOptionsCodec, [HAO_HEADER, UNKNOWN_HEADER]);
    checkFuzz(hopByHopCodec, [HAO_HEADER, UNKNOWN_HEADER], 500);
  });
});
