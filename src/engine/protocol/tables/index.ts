// The tables protocol nodes hold (docs/architecture.md "Engine/protocol"): plain,
// structured-cloneable data with pure operations that return a new table and
// the changes made (table-change.ts explains the shape).

export * from './acknowledged-correspondents';
export * from './binding-cache';
export * from './binding-update-replay';
export * from './informed-correspondents';
export * from './mobility-bindings';
export * from './pending-binding-updates';
export * from './plain-data';
export * from './rate-limiter';
export * from './recently-forwarded';
export * from './replay';
export * from './security-associations';
export * from './table-change';
export * from './visitor-list';
