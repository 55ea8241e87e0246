// The lab's nodes: mobile node, foreign agent, home agent (base-mobile-ip.md
// §10–§14, with Route Optimization, smooth handoff and registration keys,
// route-optimization.md), correspondent (§15, §17) and adversary — sans-IO
// behaviours (node/contract.ts) that embed agent discovery and the protocol
// tables.

export { mobileNodeBehaviour, initialMobileNodeState, type MobileNodeConfig, type MobileNodeOptions, type MobileNodeState } from './mn/mobile-node';
export { foreignAgentBehaviour, initialForeignAgentState, type ForeignAgentConfig, type ForeignAgentOptions, type ForeignAgentState } from './fa/foreign-agent';
export { homeAgentBehaviour, initialHomeAgentState, type HomeAgentConfig, type HomeAgentOptions, type HomeAgentState } from './ha/home-agent';
export type { LaterExtensions, RouteOptimizationHook, SmoothHandoffHook } from './common/hooks';
export { correspondentBehaviour, initialCorrespondentState, type CorrespondentOptions, type CorrespondentNodeState } from './cn/correspondent';
export type { Encapsulation } from './common/tunnels';
export { MN_REGISTRATION_PORT } from './common/mip-io';
export { retransmissionTimeout } from './mn/registration-client';
