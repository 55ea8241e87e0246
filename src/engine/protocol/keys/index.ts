// Registration-key establishment (regkey-00 §4, §5; Perkins & Johnson §9; regkey-00 §3): pure
// functions the mobile node, foreign agent and home agent behaviours call at
// the points of Perkins & Johnson §9; regkey-00 §3, and the record the key-exchange panel shows.

export * from './key-types';
export * from './mobile-node-keys';
export * from './foreign-agent-keys';
export * from './home-agent-keys';
export * from './key-exchange-record';
export { dhGroupOf } from './reply-view';
