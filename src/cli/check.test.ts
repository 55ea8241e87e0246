import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LESSON_FORMAT } from '../lessons/format/schema';
import type { LabReport } from '../lessons/report/schema';
import { runCli as run } from './test-support/run-cli';

// `mip-lab lesson … --solve --report` and `mip-lab check`, in-process: the
// reference report checks true (exit 0); an edited one is refuted (exit 1)
// with the discrepancy named; a malformed one is refused (exit 2) with what
// and where; a folder checks a class's worth at once.

let dir = '';
let reference: LabReport;
const file = (name: string): string => join(dir, name);
const write = (name: string, r: unknown): Promise<void> => writeFile(file(name), typeof r === 'string' ? r : JSON.stringify(r));
const edited = (change: (r: LabReport) => void): LabReport => {
  const r = JSON.parse(JSON.stringify(reference)) as LabReport;
  change(r);
  return r;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mip-lab-check-'));
  const made = await run('lesson', 'triangle-routing', '--solve', '--report', file('reference.json'));
  expect(made.code).toBe(0);
  expect(made.stdout).toMatch(/^Lab report written to .*reference\.json$/m);
  reference = JSON.parse(await readFile(file('reference.json'), 'utf8')) as LabReport;
}, 60_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('mip-lab lesson --solve --report', () => {
  it('writes the reference run as a report that mip-lab check confirms', async () => {
    expect(reference).toMatchObject({ format: 'route-optimization-lab/report@1', madeBy: 'mip-lab', lesson: { source: 'builtin', id: 'triangle-routing' }, seed: 1 });
    expect(reference.steps.map((s) => s.state)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    const r = await run('check', file('reference.json'));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/reference\.json: CONFIRMED — Triangle routing \(triangle-routing\), seed 1: 5 of 5 steps passed, 9 of 9 checks, 5 of 5 predictions right, 3 commands, run to [\d.]+ s\n$/);
  }, 30_000);

  it('a lesson file\'s report names it by content, and is checked with --lesson', async () => {
    const lesson = {
      format: LESSON_FORMAT, id: 'one-step', title: 'One step', summary: 'The detour.', sections: ['§2'], scenario: 'triangle-routing',
      steps: [{ title: 'Watch', narrative: 'Datagrams go by the home agent (Perkins & Johnson §2).', action: 'Press Play.',
        checks: [{ kind: 'route', text: 'A datagram goes through the home agent', flow: 'cn-to-mn', via: ['HA'] }], expectWithinS: 5 }],
    };
    await writeFile(file('one-step.lesson'), JSON.stringify(lesson));
    expect((await run('lesson', file('one-step.lesson'), '--solve', '--report', file('one-step.json'))).code).toBe(0);
    const made = JSON.parse(await readFile(file('one-step.json'), 'utf8')) as LabReport;
    expect(made.lesson).toMatchObject({ source: 'file', id: 'one-step', title: 'One step', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const without = await run('check', file('one-step.json'));
    expect(without.code).toBe(2);
    expect(without.stdout).toMatch(/give that lesson file with --lesson FILE/);
    expect((await run('check', file('one-step.json'), '--lesson', file('one-step.lesson'))).code).toBe(0);
  }, 30_000);
});

describe('mip-lab lesson --solve --report, where the run goes on acting after a step has passed', () => {
  it('starts the next step where Next would, says so, and the report checks true', async () => {
    const lesson = {
      format: LESSON_FORMAT, id: 'late-move', title: 'Late move', summary: 'A move after the step is done.', sections: ['§2'], scenario: 'triangle-routing',
      steps: [
        { title: 'Watch', narrative: 'Datagrams go by the home agent (Perkins & Johnson §2).', action: 'Press Play, then drag the mobile node into FA2\'s cell.',
          checks: [{ kind: 'route', text: 'A datagram goes through the home agent', flow: 'cn-to-mn', via: ['HA'] }],
          referenceActions: [{ afterS: 3, command: { type: 'move', node: 'MN', toCellOf: 'FA2' } }], expectWithinS: 10 },
        { title: 'Moved', narrative: 'The home agent learns the new care-of address (Perkins & Johnson §2).', action: 'Wait.',
          checks: [{ kind: 'table', text: 'The home agent binds the mobile node to FA2', node: 'HA', table: 'mobility-bindings', mobileNode: 'MN', careOf: 'FA2', state: 'holds' }], expectWithinS: 10 },
      ],
    };
    await writeFile(file('late-move.lesson'), JSON.stringify(lesson));
    const made = await run('lesson', file('late-move.lesson'), '--solve', '--report', file('late-move.json'));
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('  as the lesson player would: step 2 starts at 2.022 s, where step 1 ended, not at 3.000 s as this run did\n');
    const report = JSON.parse(await readFile(file('late-move.json'), 'utf8')) as LabReport;
    expect(report.steps.map((s) => [s.state, s.startedAtUs, s.actedAtUs])).toEqual([['passed', 0, undefined], ['passed', 2_022_000, 3_000_000]]);
    expect((await run('check', file('late-move.json'), '--lesson', file('late-move.lesson'))).code).toBe(0);
    const late = JSON.parse(JSON.stringify(report)) as LabReport;
    late.steps[1]!.startedAtUs = 3_000_000;
    late.steps[1]!.actedAtUs = 3_000_000;
    await write('late-start.json', late);
    const refuted = await run('check', file('late-start.json'), '--lesson', file('late-move.lesson'));
    expect(refuted.code).toBe(1);
    expect(refuted.stdout).toContain('step 2 (“Moved”) is said to start at 3.000 s, but step 1 (“Watch”) had ended at 2.022 s — where Next starts the next step');
  }, 30_000);
});

describe('mip-lab check', () => {
  it('refutes an edited claim (exit 1), naming the first discrepancy', async () => {
    await write('late.json', edited((r) => { r.steps[1]!.checks[0]!.atUs! += 1000; }));
    const r = await run('check', file('late.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/late\.json: REFUTED — Triangle routing \(triangle-routing\), seed 1\n {4}step 2, check 1 \(“.+”\): the report says passed at 2\.257 s; in the replay it was passed at 2\.256 s/);
  }, 30_000);

  it('refutes a report with a command removed, or an answer flipped', async () => {
    await write('no-move.json', edited((r) => { r.commands.shift(); }));
    await write('flipped.json', edited((r) => { r.steps[0]!.prediction!.right = false; }));
    const removed = await run('check', file('no-move.json'));
    expect(removed.code).toBe(1);
    expect(removed.stdout).toContain('step 3 (“Moving does not shorten it”): the report says you first acted at 2.756 s; in the replay, you never acted in this step');
    const flipped = await run('check', file('flipped.json'));
    expect(flipped.code).toBe(1);
    expect(flipped.stdout).toContain('step 1 (“The long way round”), prediction: the report says the answer 5 hops was wrong, but it is right');
  }, 30_000);

  it('refuses a malformed report (exit 2) with what is wrong and where', async () => {
    await write('broken.json', '{ "format": "route-optimization-lab/report@1", }');
    await write('shapeless.json', edited((r) => { (r.steps[2]!.checks[0] as { state: string }).state = 'done'; }));
    const broken = await run('check', file('broken.json'));
    expect(broken.code).toBe(2);
    expect(broken.stdout).toMatch(/broken\.json: REFUSED — not a report that can be checked \(1 problem\):\n {4}\(file\) line 1, column \d+: not valid JSON/);
    const shapeless = await run('check', file('shapeless.json'));
    expect(shapeless.code).toBe(2);
    expect(shapeless.stdout).toContain('steps[2].checks[0].state: "done" is not one of "pending", "passed", "failed"');
  });

  it('checks a folder of reports at once; --json lists every verdict and discrepancy', async () => {
    const klass = join(dir, 'class');
    await mkdir(klass);
    await writeFile(join(klass, 'ana.json'), JSON.stringify(reference));
    await writeFile(join(klass, 'ben.json'), JSON.stringify(edited((r) => { r.steps[4]!.state = 'failed'; })));
    await writeFile(join(klass, 'notes.txt'), 'not a report');
    const text = await run('check', klass);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/ana\.json: CONFIRMED[^\n]*\n.*ben\.json: REFUTED[^\n]*\n {4}step 5 \(“.+”\): the report says failed at [\d.]+ s; in the replay it is passed at [\d.]+ s\n\n2 reports: 1 confirmed, 1 refuted, 0 refused\.\n$/s);
    const json = await run('check', klass, '--json');
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout) as { reports: { file: string; verdict: string; discrepancies: string[] }[] };
    expect(out.reports.map((r) => [r.file.endsWith('ana.json'), r.verdict])).toEqual([[true, 'confirmed'], [false, 'refuted']]);
    expect(out.reports[1]!.discrepancies).toHaveLength(1);
  }, 60_000);

  it('a batch with a refused report exits 2, and usage errors exit 2 too', async () => {
    expect((await run('check', file('reference.json'), file('broken.json'))).code).toBe(2);
    const none = await run('check');
    expect(none).toMatchObject({ code: 2, stderr: 'mip-lab check: give at least one report file, or a folder of them\n' });
    const missing = await run('check', file('absent.json'));
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/^mip-lab check: cannot read .*absent\.json: ENOENT\n$/) });
    expect((await run('check', '--bogus', file('reference.json'))).code).toBe(2);
  }, 30_000);
});
