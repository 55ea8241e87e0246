// The base Mobile IP nodes (base-mobile-ip.md §10–§14): mobile node, foreign
// agent, home agent — sans-IO behaviours (node/contract.ts) that embed agent
// discovery and the protocol tables. Route Optimization, smooth handoff and
// registration keys plug in later at the hook points of common/hooks.ts.

export { mobileNodeBehaviour, initialMobileNodeState, type MobileNodeConfig, type MobileNodeOptions, type MobileNodeState } from './mn/mobile-node';
export { foreignAgentBehaviour, initialForeignAgentState, type ForeignAgentConfig, type ForeignAgentOptions, type ForeignAgentState } from './fa/foreign-agent';
export { homeAgentBehaviour, initialHomeAgentState, type HomeAgentConfig, type HomeAgentOptions, type HomeAgentState } from './ha/home-agent';
export type { LaterExtensions, RouteOptimizationHook, SmoothHandoffHook, RegistrationKeysHook } from './common/hooks';
export type { Encapsulation } from './common/tunnels';
export { MN_REGISTRATION_PORT } from './common/mip-io';
export { retransmissionTimeout } from './mn/registration-client';
