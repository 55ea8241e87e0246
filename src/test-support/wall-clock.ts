// The test harness's wall clock. It lives outside src/engine on purpose: the
// engine never reads a clock (docs/architecture.md), and the fuzz laws that bound how long
// one parse may take are test tooling that runs in Node, not engine code.
export function wallClockMs(): number {
  return performance.now();
}
