// Copy as hex → the decoders: the text the hex view copies is read back, octet
// for octet, by the packet decoder page's parser and by `mip-lab decode`.

import { describe, expect, it } from 'vitest';
import { parseHexInput } from '../../engine/wire/hex';
import { buildSamplePackets } from '../../engine/samples/sample-packets';
import { runCli } from '../../cli/test-support/run-cli';
import { hexText } from './hex-text';

describe('Copy as hex', () => {
  it('writes two digits per octet, 16 octets a line, nothing else', () => {
    const bytes = Uint8Array.from({ length: 18 }, (_, i) => i * 15);
    expect(hexText(bytes)).toBe('00 0f 1e 2d 3c 4b 5a 69 78 87 96 a5 b4 c3 d2 e1\nf0 ff');
    expect(hexText(new Uint8Array())).toBe('');
  });

  it('round-trips through the packet decoder parser for every sample packet', () => {
    const samples = buildSamplePackets({ seed: 1 });
    expect(samples.length).toBeGreaterThan(20);
    for (const s of samples) {
      const back = parseHexInput(hexText(s.bytes));
      expect(back.ok, s.name).toBe(true);
      if (back.ok) expect(Array.from(back.bytes), s.name).toEqual(Array.from(s.bytes));
    }
  });

  it('is what the old selection copy was not: the labelled form is refused, the copied form is accepted', () => {
    expect(parseHexInput('byte 0: 45byte 1: 00').ok).toBe(false);
    expect(parseHexInput(hexText(Uint8Array.of(0x45, 0x00))).ok).toBe(true);
  });

  it('is accepted by mip-lab decode, which dissects the same packet', async () => {
    const bu = buildSamplePackets({ seed: 1 }).find((s) => /Binding Update/.test(s.name));
    expect(bu).toBeDefined();
    const r = await runCli('decode', hexText(bu!.bytes));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Binding Update');
  });
});
