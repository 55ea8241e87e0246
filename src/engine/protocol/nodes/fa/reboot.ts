// A foreign agent that reboots (a fault a scenario scripts: its `reboot`
// command). What it was configured with survives — addresses, advertised
// flags, the security associations its administrator set up, its key pair —
// and everything it learned is gone: visitor list and the registration keys
// in it, binding cache, rate limiters, half-done key exchanges.
//
// Why it matters (Perkins & Johnson §4.3; spectun-00 §3): a datagram still
// tunnelled to the agent for a mobile node it no longer knows is neither in
// its visitor list nor in its binding cache, so it goes back towards the
// home network in a special tunnel; the home agent, seeing it come from the
// mobile node's current care-of address, learns that agent lost its state
// and discards it. The advertisements restart at Sequence Number 0, which
// is how the mobile node finds out and registers again (RFC 2002 §2.3.2,
// §2.4.4); its new registration puts the visitor entry back.

import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { rebootAdvertiser } from '../../discovery/advertiser';
import { bindingCacheEntries } from '../../tables/binding-cache';
import { securityAssociationEntries } from '../../tables/security-associations';
import { sortedKeys, type TableChange } from '../../tables/table-change';
import { decision, tableTraces } from '../common/trace';
import { initialForeignAgentState, type ForeignAgentState } from './foreign-agent-state';
import { FA_BINDING_EXPIRY_TIMER } from './route-optimization';
import { VISITOR_EXPIRY_TIMER } from './relay';

/** The system command that reboots a node, scheduled by the simulation host at the fault's time (node/contract.ts). */
export const REBOOT_COMMAND = 'reboot' as const;

const REF = 'Perkins & Johnson §4.3; spectun-00 §3; RFC 2002 §2.3.2';
const LOST = 'lost in the reboot';

function removed<T>(key: string, before: T): TableChange<T> {
  return { kind: 'removed', key, before, ref: REF, reason: LOST };
}

/** Everything the agent had learned, as removals, one per entry (the trace the learner reads). */
function losses(state: ForeignAgentState): NodeOutput[] {
  const v = state.visitors;
  return [
    ...tableTraces('visitor list', [
      ...sortedKeys(v.current).map((k) => removed(k, v.current[k])),
      ...sortedKeys(v.pending).map((k) => removed(k, v.pending[k])),
      ...sortedKeys(v.retainedKeys).map((k) => removed(k, v.retainedKeys[k])),
    ]),
    ...tableTraces('binding cache', bindingCacheEntries(state.bindingCache).map((e) => removed(e.homeAddress, e))),
    ...tableTraces('security associations', securityAssociationEntries(state.associations).filter((e) => e.origin !== 'configured').map((e) => removed(`${e.association.peer}#${e.association.spi}`, e))),
  ];
}

export function rebootForeignAgent(state: ForeignAgentState, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const c = state.config;
  // A fresh agent built from the same configuration, so every table it learns into starts empty.
  const blank = initialForeignAgentState({ ...c, advertiser: c.advertiser, associations: [] });
  const configured = Object.fromEntries(Object.entries(state.associations.entries).filter(([, e]) => e.origin === 'configured'));
  const advertiser = rebootAdvertiser(c.advertiser, ctx.now);
  const visitors = Object.keys(state.visitors.current).length;
  const cached = bindingCacheEntries(state.bindingCache).length;
  const next: ForeignAgentState = {
    ...blank,
    config: c,
    router: { ...state.router, nextIdentification: (state.router.nextIdentification + advertiser.identificationsUsed) & 0xffff },
    associations: { ...state.associations, entries: configured },
    advertiser: advertiser.state,
  };
  return {
    state: next,
    outputs: [
      decision(`fault: the foreign agent rebooted — ${visitors} visitor ${visitors === 1 ? 'entry' : 'entries'} and ${cached} binding-cache ${cached === 1 ? 'entry' : 'entries'} lost`,
        'a scripted fault: the agent keeps what it was configured with and forgets everything it learned; a datagram tunnelled to it for a mobile node it no longer knows now goes home in a special tunnel, and its advertisements start again at Sequence Number 0, so its mobile nodes register again',
        REF),
      ...losses(state),
      { kind: 'cancel-timer', key: VISITOR_EXPIRY_TIMER },
      { kind: 'cancel-timer', key: FA_BINDING_EXPIRY_TIMER },
      ...advertiser.outputs,
    ],
  };
}
