import { describe, expect, it } from 'vitest';
import { expectInside, hexToBytes, okValue } from '../test-support/laws';
import { findAll, findNode } from '../mip/test-support/tree';
import { CORRESPONDENT, HOME, VECTORS, type MhVector } from './test-support/mobility-vectors';
import { dissectMobilityHeader } from './mobility-header';
import { mobilityMessageSummary } from './mobility-header-dissect';

function tree(v: MhVector, bytes = v.bytes) {
  return okValue(dissectMobilityHeader(bytes, 0, bytes.length, { source: v.source, destination: v.destination }));
}

describe('Mobility Header dissection (RFC 6275 §6.1)', () => {
  it('shows the common part with its meaning and references', () => {
    const t = tree(VECTORS.bindingUpdateHome);
    expect(t).toMatchObject({ name: 'Mobility Header', offset: 0, length: 16, value: 'Binding Update #42 (A H), lifetime 300 s', ref: 'RFC 6275 §6.1.7' });
    expect(findNode(t, 'Payload Proto')).toMatchObject({ offset: 0, value: '59 (no next header)', ref: 'RFC 6275 §6.1.1' });
    expect(findNode(t, 'Header Len')).toMatchObject({ offset: 1, value: '1 (16 octets: 8 + 1 × 8)' });
    expect(findNode(t, 'MH Type')).toMatchObject({ offset: 2, value: '5 (Binding Update)' });
    expect(findNode(t, 'Checksum')).toMatchObject({ offset: 4, length: 2, value: '0xa26a [correct]' });
    expect(findNode(t, 'Checksum').warning).toBeUndefined();
    expect(findNode(t, 'Lifetime')).toMatchObject({ offset: 10, value: '75 × 4 s = 300 s', ref: 'RFC 6275 §6.1.7' });
    expect(findNode(t, 'Sequence #')).toMatchObject({ offset: 6, value: '42' });
  });

  it('shows the Binding Update flags as bit fields', () => {
    const t = tree(VECTORS.bindingUpdateHome);
    expect(findNode(t, 'Flags')).toMatchObject({ offset: 8, length: 2, value: '0xc0 (A H)' });
    expect(findNode(t, 'A: acknowledge requested')).toMatchObject({ offset: 8, mask: 0x80, value: 'set' });
    expect(findNode(t, 'H: home registration')).toMatchObject({ mask: 0x40, value: 'set' });
    expect(findNode(t, 'L: link-local address compatibility')).toMatchObject({ mask: 0x20, value: 'not set' });
    expect(findNode(t, 'K: key management mobility capability')).toMatchObject({ mask: 0x10, value: 'not set' });
    const all = tree(VECTORS.bindingUpdateAllOptions);
    expect(findNode(all, 'Flags').value).toBe('0xf0 (A H L K)');
    expect(findNode(all, 'Lifetime').value).toBe('0 (delete the binding)');
  });

  it('shows every option and padding run at its absolute offset', () => {
    const t = tree(VECTORS.bindingUpdateAllOptions);
    const options = findNode(t, 'Mobility Options');
    expect(options).toMatchObject({ offset: 12, length: 44, value: '3 options', ref: 'RFC 6275 §6.2' });
    expect(options.children!.map((c) => [c.name, c.offset, c.length])).toEqual([
      ['PadN', 12, 2], ['Alternate Care-of Address', 14, 18], ['Nonce Indices', 32, 6], ['PadN', 38, 4], ['Binding Authorization Data', 42, 14],
    ]);
    expect(findAll(options, 'Alternate Care-of Address')[1]).toMatchObject({ offset: 16, length: 16, value: '2001:db8:2::a' });
    expect(findNode(options, 'Home Nonce Index')).toMatchObject({ offset: 34, value: '3' });
    expect(findNode(options, 'Authenticator')).toMatchObject({ offset: 44, length: 12, value: 'c1 c2 c3 c4 c5 c6 c7 c8 c9 ca cb cc' });
    expectInside(t, 0, 56);
    const pad1 = tree(VECTORS.bindingUpdatePad1);
    expect(findNode(pad1, 'Pad1')).toMatchObject({ offset: 15, length: 1 });
    expect(findNode(pad1, 'Unknown option 200')).toMatchObject({ offset: 12, length: 3, value: '1 octets, skipped by a receiver that does not know it' });
  });

  it('names each message and its fields', () => {
    expect(findNode(tree(VECTORS.homeTestInit), 'Home Init Cookie')).toMatchObject({ offset: 8, length: 8, value: '01 02 03 04 05 06 07 08', ref: 'RFC 6275 §6.1.3' });
    const hot = tree(VECTORS.homeTest);
    expect(findNode(hot, 'Home Nonce Index')).toMatchObject({ offset: 6, value: '7' });
    expect(findNode(hot, 'Home Keygen Token')).toMatchObject({ offset: 16, length: 8, ref: 'RFC 6275 §6.1.5; RFC 6275 §5.2.5' });
    expect(findNode(tree(VECTORS.careOfTest), 'Care-of Keygen Token').value).toBe('b1 b2 b3 b4 b5 b6 b7 b8');
    expect(tree(VECTORS.bindingRefreshRequest).value).toBe('Binding Refresh Request');
    const be = tree(VECTORS.bindingError);
    expect(be.value).toBe('Binding Error: 1 (unknown binding for Home Address destination option), home address 2001:db8:1::10');
    expect(findNode(be, 'Home Address')).toMatchObject({ offset: 8, length: 16, value: HOME });
  });

  it('shows a refused Binding Acknowledgement with its status and a warning', () => {
    const t = tree(VECTORS.bindingAckRefused);
    expect(t.value).toBe('Binding Acknowledgement #42: 135 (sequence number out of window)');
    expect(findNode(t, 'Status')).toMatchObject({ offset: 6, warning: 'the Binding Update was refused' });
    expect(findNode(t, 'K: key management mobility capability')).toMatchObject({ offset: 7, mask: 0x80, value: 'set' });
    expect(findNode(tree(VECTORS.bindingAckRefreshAdvice), 'Refresh Interval')).toMatchObject({ offset: 14, value: '15 (60 s)' });
  });

  it('warns about a bad checksum and says what it should be', () => {
    const bytes = VECTORS.bindingUpdateHome.bytes.slice();
    bytes[11] = 0x4c; // Lifetime changed after the checksum was computed
    const c = findNode(tree(VECTORS.bindingUpdateHome, bytes), 'Checksum');
    expect(c.value).toMatch(/^0xa26a \[incorrect, should be 0x[0-9a-f]{4}\]$/);
    expect(c.warning).toBe('bad Mobility Header checksum: the receiver silently discards the message (RFC 6275 §9.2)');
  });

  it('warns about misaligned options, options the message does not define and dirty padding', () => {
    // BA with an Alternate CoA (not defined for a BA) at 12 (not 8n+6), PadN with data.
    const b = hexToBytes('3b 03 06 00 00 00 00 00 00 07 00 0a 03 10 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 01 00');
    const t = okValue(dissectMobilityHeader(b, 0, b.length, { source: CORRESPONDENT, destination: HOME }));
    expect(findNode(t, 'Alternate Care-of Address').warning).toBe(
      'starts at 12, not at 8n+6 from the header start (RFC 6275 §6.2.5); not defined for a Binding Acknowledgement; a receiver ignores it (RFC 6275 §6.2.1)');
    const dirty = hexToBytes('3b 01 05 00 00 00 00 07 80 00 00 0a 01 02 ff 00');
    expect(findNode(okValue(dissectMobilityHeader(dirty, 0, 16, { source: HOME, destination: CORRESPONDENT })), 'Padding').warning).toMatch(/should be zeros/);
  });

  it('warns about octets after the header and an unknown MH Type', () => {
    const b = hexToBytes('3b 00 09 00 00 00 00 00 ee');
    const t = okValue(dissectMobilityHeader(b, 0, b.length, { source: HOME, destination: CORRESPONDENT }));
    expect(t.warning).toBe('1 octets after the Mobility Header are not part of it');
    expect(findNode(t, 'MH Type')).toMatchObject({ value: '9 (MH Type 9)', warning: expect.stringMatching(/Binding Error status 2/) });
    expect(t.value).toMatch(/unknown to the lab/);
  });

  it('summarises messages for packet lists', () => {
    expect(mobilityMessageSummary({ kind: 'binding-acknowledgement', status: 0, keyManagement: false, sequence: 3, lifetimeUnits: 10, options: [] }))
      .toBe('Binding Acknowledgement #3: 0 (Binding Update accepted), lifetime 40 s');
    expect(mobilityMessageSummary({ kind: 'binding-update', sequence: 9, acknowledge: false, homeRegistration: false, linkLocalCompatibility: false, keyManagement: false, lifetimeUnits: 0, options: [] }))
      .toBe('Binding Update #9, lifetime 0 (delete the binding)');
  });
});
