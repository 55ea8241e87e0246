// The module validated-plugin.ts makes at build time: built-in id → the scenario as validation leaves it.
declare module 'virtual:validated-builtins' {
  const validated: Readonly<Record<string, unknown>>;
  export default validated;
}
