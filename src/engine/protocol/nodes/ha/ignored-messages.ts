// What a home agent that does not run Route Optimization does with a Route
// Optimization message sent to it: nothing — and the trace says why, per
// message, with the paper's section for what it would have done (Perkins &
// Johnson §3.1 Binding Warning, §3.2 Binding Request, §3.4 Binding
// Acknowledge). Anything else on UDP 434 that is not a Registration Request
// is not a home agent's to handle (RFC 2002 §3.8), and neither is a Route
// Optimization message sent to the home network's broadcast address.

import type { NodeOutput } from '../../../node/contract';
import type { Ipv4Address } from '../../../wire/address';
import type { MipMessage } from '../../../wire/mip/mip-message';
import { dropped } from '../common/trace';

const OFF = 'Route Optimization is off at this home agent';

const WOULD: Partial<Record<MipMessage['kind'], { readonly what: string; readonly ref: string }>> = {
  'binding-warning': { what: 'so it does not act on Binding Warnings: the correspondent the warning names is sent no Binding Update and keeps its stale binding until that expires', ref: 'Perkins & Johnson §3.1' },
  'binding-request': { what: 'so it does not answer Binding Requests: the correspondent gets no Binding Update', ref: 'Perkins & Johnson §3.2' },
  'binding-acknowledge': { what: 'so it has sent no Binding Update this could acknowledge', ref: 'Perkins & Johnson §3.4' },
};

/**
 * The trace of a message on UDP 434, other than a Registration Request, that a home agent does not
 * act on: with Route Optimization off, or (Route Optimization on) sent to the home network's broadcast address.
 */
export function ignoredAtHomeAgent(message: MipMessage, source: Ipv4Address, routeOptimization: boolean): NodeOutput {
  const summary = `${message.kind} from ${source} ignored`;
  if (routeOptimization) return dropped(summary, 'sent to the home network\'s broadcast address, where a home agent takes only Registration Requests (home agent discovery)', 'RFC 2002 §3.8');
  const would = WOULD[message.kind];
  if (would !== undefined) return dropped(summary, `${OFF}, ${would.what}`, would.ref);
  return dropped(summary, 'a home agent handles Registration Requests on port 434; this message is not one a home agent acts on', 'RFC 2002 §3.8');
}
