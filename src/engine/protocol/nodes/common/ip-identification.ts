// One per-node IP Identification counter (RFC 791 §3.1: "lab: per-node
// counter"), kept in the embedded router state so the router, the advertiser
// and the protocol code never hand out the same value twice.

import type { RouterState } from '../../../network/behaviours/router';

export function takeIdentification<S extends { readonly router: RouterState }>(state: S, count = 1): { readonly state: S; readonly identification: number } {
  const identification = state.router.nextIdentification;
  return { state: { ...state, router: { ...state.router, nextIdentification: (identification + count) & 0xffff } }, identification };
}
