import { describe, expect, it } from 'vitest';
import { ipv4 } from '../../wire/ipv4';
import { advertiserConfig, buildAdvertisement, type AdvertiserOptions } from './advertiser';
import type { DiscoveryOrigin } from './discovery-input';
import {
  AGENT_EXPIRY_TIMER, REGISTRATION_PACING_TIMER, hasUsableAgent, initialListenerState, listenerConfig, onAdvertisement, onListenerTimer,
  type ListenerConfig, type ListenerState, type ListenerStep,
} from './listener';

const S = 1_000_000;
const FA1 = '192.168.1.1';
const FA2 = '192.168.2.1';
const HA = '10.9.0.1';

function fa(address: string, extra: Partial<AdvertiserOptions> = {}) {
  return advertiserConfig({ interface: 'wlan0', agentAddress: address, foreignAgent: true, careOfAddresses: [address], ...extra });
}

function origin(source: string): DiscoveryOrigin {
  return { interface: 'wlan0', linkSource: '02:00:00:00:03:01', datagram: ipv4({ source, destination: '224.0.0.1', protocol: 1, ttl: 1, payload: new Uint8Array(0) }) };
}

/** Feeds an advertisement of `agent` with sequence `seq` at `now`. */
function hear(config: ListenerConfig, state: ListenerState, agent: ReturnType<typeof fa>, seq: number, now: number): ListenerStep {
  return onAdvertisement(config, state, { ...buildAdvertisement(agent, seq), checksumValid: true }, origin(agent.agentAddress), now);
}

const kinds = (step: ListenerStep): string[] => step.decisions.map((d) => `${d.kind} ${d.agent}`);
const timerAt = (step: ListenerStep, key: string): number | undefined => {
  const t = step.outputs.find((o) => o.kind === 'set-timer' && o.key === key);
  return t?.kind === 'set-timer' ? t.at : undefined;
};

describe('the agent table', () => {
  const config = listenerConfig();

  it('adds a new agent: found, and with no current agent, moved to it; expiry armed at ICMP Lifetime', () => {
    const step = hear(config, initialListenerState(), fa(FA1, { smoothHandoff: true }), 0, 10);
    expect(kinds(step)).toEqual([`agent-found ${FA1}`, `moved ${FA1}`]);
    expect(step.decisions[1]).toMatchObject({ ref: 'RFC 2002 §2.4.2', reason: `no current agent: register with ${FA1}` });
    expect(step.state.agents).toEqual([expect.objectContaining({
      address: FA1, interface: 'wlan0', linkAddress: '02:00:00:00:03:01', lastHeardAt: 10, icmpLifetime: 3, expiresAt: 3 * S + 10,
      sequenceNumber: 0, careOfAddresses: [FA1], registrationLifetime: 300, routerAddresses: [FA1], prefixLengths: null,
      flags: expect.objectContaining({ foreignAgent: true, smoothHandoff: true }),
    })]);
    expect(step.state.current).toBe(FA1);
    expect(timerAt(step, AGENT_EXPIRY_TIMER)).toBe(3 * S + 10);
    expect(step.outputs.find((o) => o.kind === 'trace' && o.event.kind === 'table-changed')).toMatchObject({ event: { before: [], after: [`${FA1} seq 0, F S, expires 3.000010 s`] } });
  });

  it('drops an advertisement whose checksum did not verify, changing nothing', () => {
    const state = initialListenerState();
    const step = onAdvertisement(config, state, { ...buildAdvertisement(fa(FA1), 0), checksumValid: false }, origin(FA1), 0);
    expect(step.state).toBe(state);
    expect(step.decisions).toEqual([]);
    expect(step.outputs).toEqual([{ kind: 'trace', event: { kind: 'dropped', summary: `advertisement from ${FA1} ignored`, reason: 'bad ICMP checksum', ref: 'RFC 2002 §2.4' } }]);
  });

  it('a refresh decides nothing and moves the expiry', () => {
    const first = hear(config, initialListenerState(), fa(FA1), 0, 10);
    const again = hear(config, first.state, fa(FA1), 1, S + 10);
    expect(again.decisions).toEqual([]);
    expect(timerAt(again, AGENT_EXPIRY_TIMER)).toBe(4 * S + 10);
    expect(again.outputs.filter((o) => o.kind === 'trace')).toEqual([]);
  });

  it('does not move to a busy foreign agent, nor to somebody else’s home agent', () => {
    const busy = hear(config, initialListenerState(), fa(FA1, { busy: true }), 0, 0);
    expect(kinds(busy)).toEqual([`agent-found ${FA1}`]);
    const otherHa = hear(config, initialListenerState(), advertiserConfig({ interface: 'wlan0', agentAddress: '10.7.0.1', homeAgent: true }), 0, 0);
    expect(kinds(otherHa)).toEqual(['agent-found 10.7.0.1']);
    expect(hasUsableAgent(config, otherHa.state)).toBe(false);
  });
});

describe('movement detection algorithm 1: ICMP Lifetime (RFC 2002 §2.4.2.1)', () => {
  const config = listenerConfig({ movementDetection: 'lifetime' });

  it('declares the current agent lost exactly when its lifetime runs out, and moves to another still heard', () => {
    let s = hear(config, initialListenerState(), fa(FA1), 0, 0).state;
    s = hear(config, s, fa(FA1), 1, S).state;
    const heardFa2 = hear(config, s, fa(FA2), 0, 2 * S);
    expect(kinds(heardFa2)).toEqual([`agent-found ${FA2}`]); // the current agent is still valid: no new registration
    expect(onListenerTimer(config, heardFa2.state, AGENT_EXPIRY_TIMER, 4 * S - 1).decisions).toEqual([]);
    const expired = onListenerTimer(config, heardFa2.state, AGENT_EXPIRY_TIMER, 4 * S);
    expect(kinds(expired)).toEqual([`agent-lost ${FA1}`, `moved ${FA2}`]);
    expect(expired.decisions[0]!.reason).toBe(`no advertisement from ${FA1} within its ICMP Lifetime of 3 s (last heard at 1.000000 s)`);
    expect(expired.decisions[1]).toMatchObject({ ref: 'RFC 2002 §2.4.2.1' });
    expect(expired.state.current).toBe(FA2);
    expect(timerAt(expired, AGENT_EXPIRY_TIMER)).toBe(5 * S);
  });

  it('with no other agent, the table empties and the expiry timer is cancelled (the node will solicit)', () => {
    const s = hear(config, initialListenerState(), fa(FA1), 0, 0).state;
    const expired = onListenerTimer(config, s, AGENT_EXPIRY_TIMER, 3 * S);
    expect(kinds(expired)).toEqual([`agent-lost ${FA1}`]);
    expect(expired.state).toMatchObject({ agents: [], current: null });
    expect(hasUsableAgent(config, expired.state)).toBe(false);
    expect(expired.outputs).toContainEqual({ kind: 'cancel-timer', key: AGENT_EXPIRY_TIMER });
  });

  it('ignores differing prefixes when configured for algorithm 1', () => {
    const s = hear(config, initialListenerState(), fa(FA1, { prefixLength: 24 }), 0, 0).state;
    expect(kinds(hear(config, s, fa(FA2, { prefixLength: 24 }), 0, 2 * S))).toEqual([`agent-found ${FA2}`]);
  });
});

describe('movement detection algorithm 2: Prefix-Lengths (RFC 2002 §2.4.2.2)', () => {
  const config = listenerConfig({ movementDetection: 'prefix' });

  it('moves at once when both agents carry Prefix-Lengths and the prefixes differ', () => {
    const s = hear(config, initialListenerState(), fa(FA1, { prefixLength: 24 }), 0, 0).state;
    const step = hear(config, s, fa(FA2, { prefixLength: 24 }), 0, 2 * S);
    expect(kinds(step)).toEqual([`agent-found ${FA2}`, `moved ${FA2}`]);
    expect(step.decisions[1]).toMatchObject({ ref: 'RFC 2002 §2.4.2.2', reason: `algorithm 2: ${FA2} advertises 192.168.2.0/24, the current agent ${FA1} 192.168.1.0/24` });
  });

  it('does not move on the same prefix, nor when either advertisement lacks the extension', () => {
    const s = hear(config, initialListenerState(), fa(FA1, { prefixLength: 16 }), 0, 0).state;
    expect(kinds(hear(config, s, fa('192.168.7.1', { prefixLength: 16 }), 0, S))).toEqual(['agent-found 192.168.7.1']);
    expect(kinds(hear(config, s, fa(FA2), 0, S))).toEqual([`agent-found ${FA2}`]);
    const without = hear(config, initialListenerState(), fa(FA1), 0, 0).state;
    expect(kinds(hear(config, without, fa(FA2, { prefixLength: 24 }), 0, S))).toEqual([`agent-found ${FA2}`]);
  });

  it('never decides a new registration more than once per second (RFC 2002 §3.6)', () => {
    let s = initialListenerState();
    const moved: number[] = [];
    let pacingAt: number | undefined;
    for (let t = 0; t < 5 * S; t += 200_000) {
      if (pacingAt !== undefined && pacingAt <= t) {
        const released = onListenerTimer(config, s, REGISTRATION_PACING_TIMER, pacingAt);
        released.decisions.filter((d) => d.kind === 'moved').forEach(() => moved.push(pacingAt!));
        s = released.state;
        pacingAt = undefined;
      }
      // Three agents on three prefixes in turn: with two, the hysteresis against flip-flopping (no return to the
      // agent just left while the current one is heard) would already stop most moves before pacing could.
      const agent = [FA1, FA2, '192.168.77.1'][(t / 200_000) % 3]!;
      const step = hear(config, s, fa(agent, { prefixLength: 24 }), 0, t);
      step.decisions.filter((d) => d.kind === 'moved').forEach(() => moved.push(t));
      pacingAt = timerAt(step, REGISTRATION_PACING_TIMER) ?? pacingAt;
      s = step.state;
    }
    expect(moved.length).toBeGreaterThan(3);
    for (let i = 1; i < moved.length; i++) expect(moved[i]! - moved[i - 1]!).toBeGreaterThanOrEqual(S);
    expect(moved).toEqual([0, S, 2 * S, 3 * S, 4 * S]);
  });
});

describe('reboot detection (RFC 2002 §2.4.4)', () => {
  const config = listenerConfig();

  it('a lower sequence number below 256 from the current agent means it rebooted', () => {
    const s = hear(config, initialListenerState(), fa(FA1), 10, 0).state;
    const step = hear(config, s, fa(FA1), 3, 2 * S);
    expect(kinds(step)).toEqual([`agent-rebooted ${FA1}`]);
    expect(step.decisions[0]).toMatchObject({ ref: 'RFC 2002 §2.4.4', reason: `sequence number fell from 10 to 3 (< 256): the agent rebooted and lost its registrations, so register again` });
  });

  it('a lower number from 256 up is the wrap-around after 0xFFFF, not a reboot', () => {
    const s = hear(config, initialListenerState(), fa(FA1), 0xffff, 0).state;
    const step = hear(config, s, fa(FA1), 256, 2 * S);
    expect(step.decisions).toEqual([]);
    expect(step.outputs).toContainEqual({ kind: 'trace', event: expect.objectContaining({ kind: 'decision', reason: 'sequence number fell from 65535 to 256 (≥ 256): a wrap-around, not a reboot' }) });
  });
});

describe('at home (RFC 2002 §2.4.3)', () => {
  const config = listenerConfig({ homeAgent: HA });
  const ha = advertiserConfig({ interface: 'eth0', agentAddress: HA, homeAgent: true });

  it('an advertisement from the own home agent with H set means returned home, once', () => {
    const away = hear(config, initialListenerState(), fa(FA1), 0, 0).state;
    const home = hear(config, away, ha, 0, 2 * S);
    expect(kinds(home)).toEqual([`agent-found ${HA}`, `returned-home ${HA}`]);
    expect(home.state).toMatchObject({ current: HA, atHome: true });
    expect(hear(config, home.state, ha, 1, 3 * S).decisions).toEqual([]);
  });
});
