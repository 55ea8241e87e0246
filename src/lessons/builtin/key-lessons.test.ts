import { describe, expect, it } from 'vitest';
import type { KeyExchangeRecord } from '../../engine/protocol/keys/key-exchange-record';
import { solvedRunTrace } from '../test-support/fixtures';
import { loadBuiltinLesson } from './index';

// What the five registration-key lessons say about the keys themselves, which
// their checks (extensions on the wire, the method) do not show: back at FA1
// after a handoff, a registration key established during registration is a
// new one — new key, new SPI — while a configured association is the same
// one again (Perkins & Johnson §4.1, §6–§8; regkey-00 §3 step 1). Read from
// each lesson's own solved run, as the key panel shows it.

const FA1 = '192.168.2.1';
const FA2 = '192.168.3.1';

const LESSONS = [
  { id: 'key-existing-association', atFa1: 1, atFa2: 5 },
  { id: 'key-home-agent-kdc', atFa1: 2, atFa2: 2 },
  { id: 'key-foreign-agent-public-key', atFa1: 3, atFa2: 3 },
  { id: 'key-mobile-node-public-key', atFa1: 4, atFa2: 4 },
  { id: 'key-diffie-hellman', atFa1: 5, atFa2: 5 },
] as const;

async function mobileNodeKeys(id: string): Promise<KeyExchangeRecord[]> {
  const { solved, trace } = await solvedRunTrace(loadBuiltinLesson(id));
  expect(solved.allPassed).toBe(true);
  return trace.filter((e) => e.kind === 'key-established' && e.node === 'MN').map((e) => e.after as KeyExchangeRecord);
}

describe.each(LESSONS)('$id', ({ id, atFa1, atFa2 }) => {
  it('FA1, then FA2, then FA1 again: each key by the method the lesson teaches; back at FA1 a registration key is new, a configured association the same', async () => {
    const keys = await mobileNodeKeys(id);
    const withFa1 = keys.filter((k) => k.faAddress === FA1);
    const withFa2 = keys.filter((k) => k.faAddress === FA2);
    expect(withFa1).toHaveLength(2);
    expect(withFa2.length).toBeGreaterThanOrEqual(1);
    expect([...withFa1.map((k) => k.method), withFa2[0]!.method]).toEqual([atFa1, atFa1, atFa2]);
    const [first, again] = withFa1.map((k) => [k.mobileNode.key, k.mobileNode.spi] as const);
    expect(first![0]).toMatch(/^[0-9a-f]{32}$/);
    if (atFa1 === 1) expect(again).toEqual(first);
    else {
      expect(again![0]).not.toBe(first![0]);
      expect(again![1]).not.toBe(first![1]);
    }
  });
});
