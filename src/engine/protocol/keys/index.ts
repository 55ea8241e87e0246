// Registration-key establishment (route-optimization.md §12–§14): pure
// functions the mobile node, foreign agent and home agent behaviours call at
// the points of §14, and the record the key-exchange panel shows.

export * from './key-types';
export * from './mobile-node-keys';
export * from './foreign-agent-keys';
export * from './home-agent-keys';
export * from './key-exchange-record';
export { dhGroupOf } from './reply-view';
