import { describe, expect, it } from 'vitest';
import type { InterfaceConfig, NodeOutput } from '../../node/contract';
import { createRandom } from '../../random';
import { parseIcmp } from '../../wire/icmp';
import { parseIpv4 } from '../../wire/ipv4';
import { bytesToHex } from '../../wire/test-support/laws';
import {
  SOLICIT_TIMER, initialSolicitorState, nominalSolicitationInterval, onSolicitTimer, resetSolicitationBackoff, solicitorConfig,
  startSoliciting, stopSoliciting, type SolicitorState,
} from './solicitor';

const S = 1_000_000;
const wlan: InterfaceConfig = { name: 'wlan0', address: '10.9.0.10', prefixLength: 24, linkAddress: '02:00:00:00:04:00', radio: true };
const config = solicitorConfig({ interface: 'wlan0' });

const timerAt = (outputs: readonly NodeOutput[]): number => {
  const t = outputs.find((o) => o.kind === 'set-timer' && o.key === SOLICIT_TIMER);
  if (t?.kind !== 'set-timer') throw new Error('no solicitation timer');
  return t.at;
};

/** Runs the schedule from `start` for `count` solicitations; returns their times and the final state. */
function run(state: SolicitorState, start: number, count: number, seed = 1): { times: number[]; state: SolicitorState } {
  const random = createRandom(seed);
  let s = startSoliciting(state, start);
  let at = timerAt(s.outputs);
  let st = s.state;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    times.push(at);
    s = onSolicitTimer(config, st, [wlan], undefined, at, random, i);
    st = s.state;
    at = timerAt(s.outputs);
  }
  return { times, state: st };
}

describe('the solicitation schedule (RFC 2002 §2.4, §2.2)', () => {
  it('nominally: 3 a second apart, then doubling to at most 60 s', () => {
    // after the 1st, 2nd, 3rd … solicitation of a round
    expect(Array.from({ length: 10 }, (_, n) => nominalSolicitationInterval(config, n + 1) / S)).toEqual([1, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('randomised only upwards, by at most 10 %: never faster than the rule allows', () => {
    const { times } = run(initialSolicitorState(), 3 * S, 11, 5);
    expect(times[0]).toBe(3 * S);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    gaps.forEach((gap, n) => {
      const nominal = nominalSolicitationInterval(config, n + 1);
      expect(gap).toBeGreaterThanOrEqual(nominal);
      expect(gap).toBeLessThanOrEqual(nominal * 1.1);
    });
  });

  it('sends an ICMP Router Solicitation to 224.0.0.2 with IP TTL 1', () => {
    const step = onSolicitTimer(config, startSoliciting(initialSolicitorState(), 0).state, [wlan], undefined, 0, createRandom(1), 9);
    const t = step.outputs[0]!;
    expect(t).toMatchObject({ kind: 'transmit', interface: 'wlan0', summary: 'Agent Solicitation 10.9.0.10 → 224.0.0.2 (#1)', ref: 'RFC 2002 §2.2, §2.4' });
    if (t.kind !== 'transmit') return;
    expect(t.frame).toMatchObject({ source: '02:00:00:00:04:00', destination: '01:00:5e:00:00:02' });
    const ip = parseIpv4(t.frame.payload);
    expect(ip.ok && ip.value).toMatchObject({ source: '10.9.0.10', destination: '224.0.0.2', ttl: 1, identification: 9 });
    // RFC 1256 layout: type 10, code 0, checksum 0xf5ff over 0a 00 00 00 00 00 00 00, reserved 0
    expect(ip.ok && bytesToHex(ip.value.payload)).toBe('0a 00 f5 ff 00 00 00 00');
    expect(ip.ok && parseIcmp(ip.value.payload)).toMatchObject({ ok: true, value: { kind: 'router-solicitation', checksumValid: true } });
  });

  it('stops when an agent is heard, and keeps the back-off for the next round until reset', () => {
    const { state } = run(initialSolicitorState(), 0, 5);
    const stopped = stopSoliciting(state);
    expect(stopped.outputs).toEqual([{ kind: 'cancel-timer', key: SOLICIT_TIMER }]);
    expect(stopped.state).toEqual({ active: false, sent: 5, nextAt: null });
    expect(onSolicitTimer(config, stopped.state, [wlan], undefined, 0, createRandom(1), 0).outputs).toEqual([]);
    const again = run(stopped.state, 100 * S, 2);
    expect(again.times[1]! - again.times[0]!).toBeGreaterThanOrEqual(16 * S); // still backing off: after the 6th comes a 16 s wait
    const fresh = run(resetSolicitationBackoff(stopped.state), 100 * S, 2);
    expect(fresh.times[1]! - fresh.times[0]!).toBeLessThanOrEqual(1.1 * S); // fast again after a registration
  });

  it('starting twice does not arm a second schedule', () => {
    const first = startSoliciting(initialSolicitorState(), 0);
    expect(startSoliciting(first.state, 500).outputs).toEqual([]);
  });
});
