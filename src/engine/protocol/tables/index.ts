// The tables protocol nodes hold (DESIGN.md "Engine/protocol"): plain,
// structured-cloneable data with pure operations that return a new table and
// the changes made (table-change.ts explains the shape).

export * from './acknowledged-correspondents';
export * from './binding-cache';
export * from './binding-update-replay';
export * from './mobility-bindings';
export * from './pending-binding-updates';
export * from './plain-data';
export * from './rate-limiter';
export * from './replay';
export * from './security-associations';
export * from './table-change';
export * from './visitor-list';
