// The correspondent behaviour driven directly with frames (Perkins & Johnson §3.3; optim-08 §4.3; Perkins & Johnson §3; optim-08 §3.1): LRU eviction at capacity 2 with BUs sent by a real home
// agent RO state for three home addresses, and a forged BU that changes nothing.

import { describe, expect, it } from 'vitest';
import type { NodeContext, NodeOutput } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { createRandom } from '../../../random';
import { seconds } from '../../../node/time';
import { udpDatagram } from '../../../wire/datagram';
import { forgeWithWrongKey, tamperCareOfAddress } from '../../route-optimization/adversary';
import { afterTunnellingFor } from '../../route-optimization/home-agent-ro';
import { emptyHomeAgentState, haContext, NO_FLAGS, REQUEST_ID } from '../../route-optimization/test-support/ro-world';
import { acceptRegistration, EMPTY_MOBILITY_BINDINGS, type MobilityBindingList } from '../../tables/mobility-bindings';
import { EPOCH, HA, haCnAssociation } from '../test-support/lab';
import { correspondentBehaviour, initialCorrespondentState, type CorrespondentNodeState } from './correspondent';
import { CN, FA1 } from './test-support';

const NODE = { id: 'CN', interfaces: [{ name: 'eth0', address: CN, prefixLength: 24, linkAddress: '02:00:00:00:00:05', radio: false }] };
const ctx = (now: number): NodeContext => ({ now, node: NODE, random: createRandom(3) });
const HOMES = ['10.1.0.10', '10.1.0.11', '10.1.0.12'];

function bindingsFor(homes: readonly string[]): MobilityBindingList {
  let list = EMPTY_MOBILITY_BINDINGS;
  for (const h of homes) list = acceptRegistration(list, { homeAddress: h, careOfAddress: FA1, grantedLifetimeSeconds: 300, identification: REQUEST_ID, flags: NO_FLAGS, simultaneousBindings: false, registeringFa: FA1 }, 0).table;
  return list;
}

/** The BU datagram a home agent sends to CN about `home` at `now` (trigger a). */
function haBindingUpdate(home: string, now: number): Uint8Array {
  const r = afterTunnellingFor(emptyHomeAgentState(), haContext({ homeAddresses: HOMES, bindings: bindingsFor(HOMES), config: { epochUnixMs: EPOCH, profile: 'ro98' } }), CN, home, now, createRandom(1));
  const send = r.sends[0]!;
  return udpDatagram({ source: send.source, destination: send.destination, ttl: 60 }, 434, 434, send.payload);
}

function deliver(state: CorrespondentNodeState, datagram: Uint8Array, now: number): { state: CorrespondentNodeState; outputs: readonly NodeOutput[] } {
  return correspondentBehaviour.handle(state, { kind: 'frame', interface: 'eth0', frame: { source: '02:00:00:00:00:01', destination: '02:00:00:00:00:05', etherType: EtherType.IPV4, payload: datagram } }, ctx(now));
}

const fresh = (capacity = 64) => initialCorrespondentState({ address: CN, epochUnixMs: EPOCH, associations: [haCnAssociation(HA)], bindingCacheCapacity: capacity });

describe('binding cache capacity (OC-33, LRU)', () => {
  it('(g) capacity 2: three BUs for three home addresses evict the least recently used entry', () => {
    let s = fresh(2);
    s = deliver(s, haBindingUpdate(HOMES[0]!, seconds(1)), seconds(1)).state;
    s = deliver(s, haBindingUpdate(HOMES[1]!, seconds(2)), seconds(2)).state;
    const third = deliver(s, haBindingUpdate(HOMES[2]!, seconds(3)), seconds(3));
    expect(Object.keys(third.state.ro.cache.entries).sort()).toEqual([HOMES[1], HOMES[2]]);
    const evicted = third.outputs.filter((o) => o.kind === 'trace' && o.event.kind === 'table-changed' && o.event.summary === `binding cache: evicted ${HOMES[0]}`);
    expect(evicted).toHaveLength(1);
    // The expiry timer follows the earliest entry left.
    expect(third.outputs.some((o) => o.kind === 'set-timer' && o.key === 'cn:binding-expiry')).toBe(true);
  });
});

describe('a forged Binding Update (Perkins & Johnson §3.5; optim-08 §4.5; adversary.ts)', () => {
  it('(h) re-signed with a guessed key and pointing elsewhere: refused, the cache is unchanged', () => {
    const genuine = haBindingUpdate(HOMES[0]!, seconds(1));
    const payload = genuine.slice(28); // IPv4 (20) + UDP (8) headers
    const tampered = tamperCareOfAddress(payload, 66);
    expect(tampered.ok).toBe(true);
    const forged = forgeWithWrongKey(tampered.ok ? tampered.bytes : payload, new Uint8Array(16).fill(0x42));
    expect(forged.ok).toBe(true);
    const bytes = udpDatagram({ source: HA, destination: CN, ttl: 60 }, 434, 434, forged.ok ? forged.bytes : payload);

    const before = fresh();
    const r = deliver(before, bytes, seconds(1));
    expect(r.state.ro).toEqual(before.ro);
    const refusal = r.outputs.find((o) => o.kind === 'trace' && o.event.kind === 'dropped');
    expect(refusal?.kind === 'trace' && refusal.event.reason).toContain('authentication exception');

    // The genuine bytes, by contrast, are accepted: the refusal was the forgery's doing.
    const ok = deliver(before, genuine, seconds(1));
    expect(ok.state.ro.cache.entries[HOMES[0]!]?.careOfAddress).toBe(FA1);
  });

  it('a legacy correspondent ignores even a genuine BU, saying why', () => {
    const legacy = initialCorrespondentState({ address: CN, epochUnixMs: EPOCH, associations: [haCnAssociation(HA)], routeOptimization: false });
    const r = deliver(legacy, haBindingUpdate(HOMES[0]!, seconds(1)), seconds(1));
    expect(r.state).toEqual(legacy);
    expect(r.outputs.map((o) => o.kind === 'trace' && o.event.reason)).toEqual(['ignored: this correspondent does not implement Route Optimization']);
  });
});
