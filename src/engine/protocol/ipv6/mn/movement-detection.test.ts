// Movement detection and autoconfiguration from Router Advertisements
// (RFC 4861 §6.3.4, §6.3.7; RFC 4862 §5.5.3; RFC 6275 §11.5.3; RFC 6275 §7.2,
// §11.5.1), one decision at a time with hand-built advertisements.

import { describe, expect, it } from 'vitest';
import type { RouterAdvertisement } from '../../../wire/ipv6/neighbor-discovery';
import type { NdOption } from '../../../wire/ipv6/nd-options';
import type { Attachment } from './mobile-node-v6-state';
import { advertisedPrefix, decideMovement, type MovementContext } from './movement-detection';

const MAC = '02:00:00:00:05:00';
const AR1_LL = 'fe80::ff:fe00:201';
const AR2_LL = 'fe80::ff:fe00:301';

function ra(prefix: string, options: { lifetime?: number; slla?: boolean; autonomous?: boolean; prefixLength?: number; r?: boolean; intervalMs?: number } = {}): RouterAdvertisement {
  const list: NdOption[] = [];
  if (options.slla !== false) list.push({ kind: 'source-link-layer-address', linkAddress: '02:00:00:00:02:01' });
  list.push({
    kind: 'prefix-information', prefixLength: options.prefixLength ?? 64, onLink: true, autonomous: options.autonomous ?? true, routerAddress: options.r ?? true,
    reserved1: 0, validLifetime: 86_400, preferredLifetime: 86_400, reserved2: 0, prefix,
  });
  if (options.intervalMs !== undefined) list.push({ kind: 'advertisement-interval', reserved: 0, intervalMs: options.intervalMs });
  return { kind: 'router-advertisement', code: 0, curHopLimit: 64, managed: false, other: false, homeAgent: false, reservedFlags: 0, routerLifetime: options.lifetime ?? 3, reachableTimeMs: 0, retransTimerMs: 0, options: list };
}

const context = (attachment: Attachment | null, now: number, movementHint = false): MovementContext => ({
  homeAddress: '2001:db8:1::10', homePrefix: { network: '2001:db8:1::', prefixLength: 64 }, ownLinkAddress: MAC, attachment, movementHint, cell: null, now,
});

const inCell1: Attachment = {
  router: AR1_LL, routerLinkAddress: '02:00:00:00:02:01', routerGlobal: '2001:db8:2::1', prefix: { network: '2001:db8:2::', prefixLength: 64 },
  careOfAddress: '2001:db8:2::ff:fe00:500', homeAgentFlag: false, since: 0, lastHeardAt: 5_000_000, intervalMs: 1000, cell: 'cell1',
};

describe('movement detection (RFC 4861 §6.3.7; RFC 6275 §11.5.1)', () => {
  it('with no router yet, a new prefix means it moved: care-of address = prefix + modified EUI-64 of its interface (RFC 4862 §5.5.3)', () => {
    const d = decideMovement(context(null, 1_000_000), { source: AR1_LL, linkAddress: '02:00:00:00:02:01', ra: ra('2001:db8:2::1', { intervalMs: 1000 }) });
    expect(d.kind).toBe('moved');
    if (d.kind !== 'moved') return;
    expect(d.attachment.careOfAddress).toBe('2001:db8:2::ff:fe00:500');
    expect(d.attachment.prefix).toEqual({ network: '2001:db8:2::', prefixLength: 64 });
    expect(d.attachment.routerGlobal).toBe('2001:db8:2::1'); // the R flag: the prefix field holds the router's address (RFC 6275 §7.2)
    expect(d.attachment.router).toBe(AR1_LL);
    expect(d.attachment.intervalMs).toBe(1000);
    expect(d.reason).toMatch(/no router yet/);
  });

  it('the home prefix means it is home, and the home address is its address there', () => {
    const d = decideMovement(context(inCell1, 6_000_000, true), { source: 'fe80::ff:fe00:1', linkAddress: '02:00:00:00:00:01', ra: ra('2001:db8:1::1') });
    expect(d.kind).toBe('home');
    if (d.kind === 'home') expect(d.attachment.careOfAddress).toBe('2001:db8:1::10');
  });

  it('another advertisement from the router in use changes nothing but when it was last heard', () => {
    const d = decideMovement(context(inCell1, 6_000_000), { source: AR1_LL, linkAddress: '02:00:00:00:02:01', ra: ra('2001:db8:2::1', { intervalMs: 1000 }) });
    expect(d.kind).toBe('same-router');
    if (d.kind === 'same-router') {
      expect(d.attachment.careOfAddress).toBe(inCell1.careOfAddress);
      expect(d.attachment.lastHeardAt).toBe(6_000_000);
      expect(d.attachment.since).toBe(0);
    }
  });

  it('a second router heard while the current one is still heard does not make it move (no flapping where cells overlap)', () => {
    const d = decideMovement(context(inCell1, 5_500_000), { source: AR2_LL, linkAddress: '02:00:00:00:03:01', ra: ra('2001:db8:3::1') });
    expect(d.kind).toBe('stay');
  });

  it('a new prefix after the link layer reported a new attachment: moved', () => {
    const d = decideMovement(context(inCell1, 5_500_000, true), { source: AR2_LL, linkAddress: '02:00:00:00:03:01', ra: ra('2001:db8:3::1') });
    expect(d.kind).toBe('moved');
    if (d.kind === 'moved') expect(d.attachment.careOfAddress).toBe('2001:db8:3::ff:fe00:500');
  });

  it('a new prefix once the current router has been silent for more than two of its announced intervals: moved', () => {
    const justInside = decideMovement(context(inCell1, 7_000_000), { source: AR2_LL, linkAddress: '02:00:00:00:03:01', ra: ra('2001:db8:3::1') });
    expect(justInside.kind).toBe('stay');
    const silent = decideMovement(context(inCell1, 7_000_001), { source: AR2_LL, linkAddress: '02:00:00:00:03:01', ra: ra('2001:db8:3::1') });
    expect(silent.kind).toBe('moved');
    if (silent.kind === 'moved') expect(silent.reason).toMatch(/silent for more than 2 × 1000 ms/);
  });

  it.each([
    ['Router Lifetime 0 (not a default router, RFC 4861 §6.3.4)', ra('2001:db8:2::1', { lifetime: 0 }), /Router Lifetime 0/],
    ['no Source Link-Layer Address option', ra('2001:db8:2::1', { slla: false }), /no Source Link-Layer Address/],
    ['a prefix without the A flag', ra('2001:db8:2::1', { autonomous: false }), /nothing to autoconfigure/],
    ['a prefix that is not 64 bits long', ra('2001:db8:2::1', { prefixLength: 48 }), /64-bit prefix/],
  ])('ignores an advertisement with %s', (_what, advertisement, reason) => {
    const linkAddress = advertisement.options.some((o) => o.kind === 'source-link-layer-address') ? '02:00:00:00:02:01' : undefined;
    const d = decideMovement(context(null, 0), { source: AR1_LL, linkAddress, ra: advertisement });
    expect(d.kind).toBe('ignore');
    if (d.kind === 'ignore') expect(d.reason).toMatch(reason);
  });

  it('without the R flag the prefix is masked to the network and no router address is known', () => {
    const a = advertisedPrefix(ra('2001:db8:2::1', { r: false }));
    expect(a).toEqual({ prefix: { network: '2001:db8:2::', prefixLength: 64 }, routerGlobal: null });
  });
});
