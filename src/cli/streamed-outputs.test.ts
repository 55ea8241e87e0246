// The consumers of a whole run — the metrics, the pcap file and the trace
// file — take the events as a stream while the run keeps only a small window
// of them (engine/network/trace-window.ts). For every built-in scenario, run
// to its end, what they produce must be what the whole retained trace gives,
// byte for byte: the `mip-lab run` files against captureFromTrace and
// traceJsonLines of the retained trace, and the streamed metrics against the
// metrics computed over the whole trace as they used to be.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeTraceRunMetrics } from '../engine/metrics/test-support/whole-trace-metrics';
import { BUILTIN_SCENARIOS, loadBuiltin } from '../scenarios/builtin/index';
import { metricsSubjects } from '../scenarios/metrics-subjects';
import { runHeadless } from './commands/run';
import { captureFromTrace, traceJsonLines } from './commands/run-capture';
import { formatRunReport } from './commands/run-report';
import { runCli } from './test-support/run-cli';

let dir = '';
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'mip-lab-streamed-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('streamed run outputs equal the retained trace\'s', () => {
  it.each(BUILTIN_SCENARIOS.map((s) => s.id))('%s', async (id) => {
    const loaded = loadBuiltin(id);
    const whole = runHeadless(loaded, { retain: 'all' });
    const { homeAgents, mobiles } = metricsSubjects(loaded);
    const reference = wholeTraceRunMetrics(whole.trace, homeAgents, mobiles);

    // Streamed while keeping almost nothing: a window of one virtual second, 100 events at most.
    const small = runHeadless(loaded, { retain: { span: 1_000_000, maxEvents: 100 } });
    expect(small.trace.length).toBeLessThanOrEqual(Math.max(100, ...countsPerInstant(small.trace)));
    expect(small.metrics).toEqual(reference);
    expect(whole.metrics).toEqual(reference);

    const pcap = join(dir, `${id}.pcapng`);
    const trace = join(dir, `${id}.jsonl`);
    const cli = await runCli('run', id, '--pcap', pcap, '--trace', trace);
    expect(cli.stderr).toBe('');
    const capture = captureFromTrace(whole.trace, loaded.topology, loaded.profile);
    expect(cli.stdout).toBe(`${formatRunReport(loaded.title, loaded.seed, loaded.duration, reference)}\nwrote ${capture.packets} packets on ${capture.links} links to ${pcap}\nwrote ${whole.trace.length} trace events to ${trace}\n`);
    expect(Buffer.compare(await readFile(pcap), Buffer.from(capture.bytes))).toBe(0);
    expect((await readFile(trace, 'utf8')) === traceJsonLines(whole.trace)).toBe(true);
  }, 120_000);
});

function countsPerInstant(trace: readonly { readonly time: number }[]): number[] {
  const counts = new Map<number, number>();
  for (const e of trace) counts.set(e.time, (counts.get(e.time) ?? 0) + 1);
  return [...counts.values()];
}
