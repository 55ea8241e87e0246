import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_LESSONS, loadBuiltinLesson } from '../lessons/builtin/index';
import { LESSON_FORMAT } from '../lessons/format/schema';
import { runCli as run } from './test-support/run-cli';

// `mip-lab lessons` and `mip-lab lesson`, in-process with fake streams.

let dir = '';
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'mip-lab-lesson-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** A lesson whose acting step is already true before the learner acts: its checks prove nothing. */
const vacuous = {
  format: LESSON_FORMAT, id: 'vacuous', title: 'Vacuous', summary: 'Checks that do not need the learner.', sections: ['§2'], scenario: 'triangle-routing',
  steps: [{
    title: 'Switch it on', narrative: 'Nothing will change (Perkins & Johnson §2).', action: 'Switch Route Optimization on at the correspondent.',
    checks: [{ kind: 'route', text: 'Datagrams go through the home agent', flow: 'cn-to-mn', via: ['HA'] }],
    referenceActions: [{ afterS: 1, command: { type: 'configure', node: 'CN', setting: 'route-optimization', value: true } }],
    expectWithinS: 5,
  }],
};

describe('mip-lab lessons', () => {
  it('lists every built-in lesson: id, title, paper sections, steps with predictions and checks', async () => {
    const r = await run('lessons');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const headers = r.stdout.split('\n').filter((l) => /^\S/.test(l));
    expect(headers).toHaveLength(BUILTIN_LESSONS.length);
    expect(headers[0]).toBe('triangle-routing — Triangle routing (Perkins & Johnson §2)');
    expect(headers).toContain('binding-cache — Binding Updates and the binding cache (Perkins & Johnson §3, §3.1, §3.3)');
    expect(r.stdout).toMatch(/^ {2}scenario triangle-routing; 5 steps, 5 predictions, 9 checks$/m);
    expect(r.stdout).toMatch(/^ {2}1\. The long way round \[watch, predict \(number\), 2 checks\]$/m);
    expect(r.stdout).toMatch(/^ {2}3\. Moving does not shorten it \[act, predict \(choice\), 2 checks\]$/m);
    expect(r.stdout).toMatch(/^ {7}\? How many link hops will the correspondent's first datagram take to reach the mobile node\?$/m);
    expect(r.stdout).toMatch(/^ {2}scenario \(inline\); 5 steps/m); // the attack lesson brings its own scenario
  });

  it('--json gives the same as data', async () => {
    const r = await run('lessons', '--json');
    expect(r.code).toBe(0);
    const all = JSON.parse(r.stdout) as { id: string; sections: string[]; steps: { prediction: unknown; checks: { kind: string; text: string }[]; referenceActions: number }[]; predictions: number; checks: number }[];
    expect(all.map((l) => l.id)).toEqual(BUILTIN_LESSONS.map((l) => l.id));
    expect(all.find((l) => l.id === 'binding-update-attacks')!.sections).toEqual(['Perkins & Johnson §3.3', 'Perkins & Johnson §3.5', 'Perkins & Johnson §5']);
    for (const l of all) {
      const lesson = loadBuiltinLesson(l.id).lesson;
      expect(l.steps).toHaveLength(lesson.steps.length);
      expect(l.predictions).toBe(lesson.steps.filter((s) => s.prediction !== undefined).length);
      expect(l.checks).toBe(l.steps.reduce((n, s) => n + s.checks.length, 0));
    }
    expect(all[0]!.steps[2]).toMatchObject({ prediction: { kind: 'choice' }, referenceActions: 1, checks: [{ kind: 'table' }, { kind: 'route' }] });
  });

  it('refuses other arguments', async () => {
    const r = await run('lessons', '--all');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/^mip-lab lessons: unknown argument "--all"/);
  });
});

describe('mip-lab lesson', () => {
  it('has help naming both modes', async () => {
    const r = await run('help', 'lesson');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: mip-lab lesson <lesson-id\|file\.json> --solve\|--idle/);
    for (const o of ['--solve', '--idle', '--seed']) expect(r.stdout).toContain(o);
  });

  it('--solve prints each step\'s checks with pass and virtual time, the commands sent, and exits 0', async () => {
    const r = await run('lesson', 'triangle-routing', '--solve');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Triangle routing \(triangle-routing\) — solved with the reference actions, seed 1$/m);
    expect(r.stdout).toMatch(/^Step 1\/5: The long way round, from 0\.000 s — passed at 2\.022 s$/m);
    expect(r.stdout).toMatch(/^ {2}pass at 2\.022 s {2}A datagram from the correspondent reaches the mobile node in 5 hops, through the home agent and FA1$/m);
    expect(r.stdout).toMatch(/^ {8}datagram 0 of cn-to-mn arrived in 5 hops through R → HA → R → FA1 → MN$/m);
    expect(r.stdout).toMatch(/^Commands sent \(the run's command log, 3\):$/m);
    expect(r.stdout).toMatch(/^ {2}\d+\.\d{3} s {2}\{"type":"move","node":"MN","position":\{"x":780,"y":450\}\}$/m);
    expect(r.stdout).toMatch(/^All 9 checks passed\.$/m);
    expect(r.stdout).not.toMatch(/FAIL/);
  });

  it('--idle shows which checks fail without the learner, and exits 0 because some do', async () => {
    const r = await run('lesson', 'smooth-handoff', '--idle');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Step 2\/4: A handoff with smooth handoff, from \d+\.\d{3} s — not passed within 15 s$/m);
    expect(r.stdout).toMatch(/^ {2}FAIL {2}No datagram from the correspondent is lost in the 6 s after you start moving$/m);
    expect(r.stdout).toMatch(/^ {8}waiting for your action$/m);
    expect(r.stdout).toMatch(/^As it should, the lesson is not done without the learner: \d+ of 10 checks did not pass:$/m);
    expect(r.stdout).toMatch(/^ {2}step 3 check 1: At least 20 of the correspondent's datagrams are lost after the move/m);
    expect(r.stdout).not.toMatch(/^Commands sent/m);
  });

  it('runs the worked example of docs/lessons.md from its file: solved, and not done idle', async () => {
    const doc = await readFile(new URL('../../docs/lessons.md', import.meta.url), 'utf8');
    const example = /## A worked example[\s\S]*?```json\n([\s\S]*?)```/.exec(doc);
    expect(example).not.toBeNull();
    const file = join(dir, 'follow-the-binding.json');
    await writeFile(file, example![1]!);
    const solve = await run('lesson', file, '--solve');
    expect(solve).toMatchObject({ code: 0, stderr: '' });
    expect(solve.stdout).toMatch(/^All 3 checks passed\.$/m);
    const idle = await run('lesson', file, '--idle');
    expect(idle.code).toBe(0);
    expect(idle.stdout).toMatch(/^ {2}step 2 check 2: Datagrams go straight to FA2$/m);
  });

  it('--idle exits 1 when a lesson\'s checks pass without the learner, and --solve exits 1 when a check fails', async () => {
    const file = join(dir, 'vacuous.json');
    await writeFile(file, JSON.stringify(vacuous));
    const idle = await run('lesson', file, '--idle');
    expect(idle.code).toBe(1);
    expect(idle.stdout).toMatch(/^All 1 checks passed with no learner action: the checks do not test what the lesson asks the learner to do\.$/m);
    const failing = structuredClone(vacuous);
    failing.steps[0]!.checks[0]!.via = ['FA2'];
    await writeFile(file, JSON.stringify(failing));
    const solve = await run('lesson', file, '--solve');
    expect(solve.code).toBe(1);
    expect(solve.stdout).toMatch(/^ {2}FAIL {2}Datagrams go through the home agent$/m);
    expect(solve.stdout).toMatch(/^1 of 1 checks did not pass:\n {2}step 1 check 1: Datagrams go through the home agent$/m);
  });

  it.each([
    [['lesson'], new RegExp(`give a lesson: a built-in id \\(${BUILTIN_LESSONS.map((l) => l.id).join(', ')}\\) or a \\.json file`)],
    [['lesson', 'triangle-routing'], /give --solve \(with the reference actions\) or --idle \(with no learner action\)/],
    [['lesson', 'triangle-routing', '--solve', '--idle'], /give one of --solve and --idle, not both/],
    [['lesson', 'triangle-routing', '--solve', '--fast'], /unknown option --fast/],
    [['lesson', 'triangle-routing', '--solve', '--seed', 'x'], /--seed takes a whole number from 0 to 4294967295, not "x"/],
    [['lesson', 'no-such-lesson', '--solve'], /no built-in lesson "no-such-lesson", and cannot read it as a file \(ENOENT\); 'mip-lab lessons' lists the built-ins/],
  ])('%j is refused with one clear line', async (argv, pattern) => {
    const r = await run(...argv);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trimEnd()).not.toContain('\n');
  });

  it('a lesson file that is not valid is refused with every problem and where it is', async () => {
    const file = join(dir, 'bad.json');
    const bad = structuredClone(vacuous) as Record<string, unknown> & typeof vacuous;
    bad.steps[0]!.checks[0]!.flow = 'cn-to-fa';
    (bad.steps[0] as Record<string, unknown>).narative = 'typo';
    await writeFile(file, JSON.stringify(bad));
    const r = await run('lesson', file, '--solve');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(`mip-lab lesson: ${file} is not a valid lesson (1 problem):\n  steps[0].narative: unknown field (check the spelling against docs/lessons.md)\n`);
  });
});
