// How the trace tells the on-path rewrite (dh-value-rewrite.ts): as the
// fault's own event at the sender, when the frame goes on the link, so a
// learner sees whose value was swapped, by whom, and what it means for the key.

import type { NodeId } from '../node/contract';
import type { DhValueRewrite } from './dh-value-rewrite';
import type { MessageFault } from './faults';

const short = (hex: string) => `${hex.slice(0, 8)}…${hex.slice(-8)}`;

/** Summary, reason and ref of the event. */
export function dhRewriteTrace(f: MessageFault, sender: NodeId, r: DhValueRewrite): { summary: string; reason: string; ref: string } {
  const who = f.adversary ?? 'An adversary';
  return {
    summary: `${who}, on the path, replaced ${sender}'s g^y with her own g^m in the Registration Reply on link ${f.link}`,
    reason: `a scripted fault of this scenario: the Diffie-Hellman Key Reply (SPI ${r.spi}) carried g^y = ${short(r.replaced)}; it now carries g^m = ${short(r.substitute)} (${r.group.description}), every header kept and the UDP checksum recomputed. ` +
      `A mobile node that accepts it computes its key from g^m, so it shares a key with ${who} instead of ${sender} — unless the value sits under the home agent's Mobile-Home authenticator, which no longer verifies`,
    ref: 'Perkins & Johnson §9.2; optim-06 §3.4; RFC 2002 §3.5.2; lab fault injection: the scenario\'s scripted faults',
  };
}
