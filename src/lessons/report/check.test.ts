import { beforeAll, describe, expect, it } from 'vitest';
import { checkReportText, type ReportCheck } from './check';
import type { LabReport } from './schema';
import { copyOf, referenceReportOf } from './test-support';

// A lab report is confirmed only when replaying its run bears out every
// claim; an edited claim, a removed command or a flipped answer is refuted
// with the discrepancy named; a report that cannot be checked is refused with
// what is wrong and where.

let reference: LabReport;
beforeAll(async () => { reference = await referenceReportOf('triangle-routing'); }, 60_000);

const check = (r: unknown): Promise<ReportCheck> => checkReportText(typeof r === 'string' ? r : JSON.stringify(r));

async function refutation(r: LabReport): Promise<string> {
  const c = await check(r);
  if (c.kind !== 'checked') throw new Error(`refused: ${c.errors.join('; ')}`);
  expect(c.verdict.confirmed).toBe(false);
  return c.verdict.discrepancies[0]!;
}

async function refusal(r: unknown): Promise<readonly string[]> {
  const c = await check(r);
  if (c.kind !== 'malformed') throw new Error('expected the report to be refused');
  return c.errors;
}

describe('a true report', () => {
  it('the reference run of triangle-routing, with the lesson\'s answers, is confirmed', async () => {
    expect(reference.commands).toHaveLength(3);
    expect(reference.steps.every((s) => s.state === 'passed')).toBe(true);
    const c = await check(reference);
    expect(c.kind === 'checked' && c.verdict).toEqual({ confirmed: true, discrepancies: [], notes: [] });
  }, 30_000);

  it('may carry "$schema" for an editor, and a wrong answer claimed as wrong', async () => {
    const r = copyOf(reference);
    r.$schema = 'https://example.edu/lab/schemas/report.schema.json';
    r.steps[0]!.prediction = { answer: { value: 3 }, right: false };
    const c = await check(r);
    expect(c.kind === 'checked' && c.verdict.confirmed).toBe(true);
  }, 30_000);
});

describe('a false report is refuted, with the discrepancy named', () => {
  it('a check\'s time edited', async () => {
    const r = copyOf(reference);
    const claim = r.steps[1]!.checks[0]!;
    claim.atUs = claim.atUs! + 1000;
    expect(await refutation(r)).toMatch(/^step 2, check 1 \(“.+”\): the report says passed at 2\.257 s; in the replay it was passed at 2\.256 s/);
  }, 30_000);

  it('a check\'s state edited', async () => {
    const r = copyOf(reference);
    r.steps[2]!.checks[1]!.state = 'failed';
    expect(await refutation(r)).toMatch(/^step 3, check 2 \(“.+”\): the report says failed at [\d.]+ s; in the replay it was passed at [\d.]+ s/);
  }, 30_000);

  it('a command removed from the log', async () => {
    const r = copyOf(reference);
    r.commands.splice(0, 1); // the move to FA2's cell
    expect(await refutation(r)).toBe('step 3 (“Moving does not shorten it”): the report says you first acted at 2.756 s; in the replay, you never acted in this step');
  }, 30_000);

  it('an answer flipped: a wrong answer claimed right, and a right one claimed wrong', async () => {
    const wrong = copyOf(reference);
    wrong.steps[0]!.prediction!.answer = { value: 4 };
    expect(await refutation(wrong)).toBe('step 1 (“The long way round”), prediction: the report says the answer 4 hops was right, but it is wrong (the answer is 5 hops)');
    const right = copyOf(reference);
    right.steps[2]!.prediction!.right = false;
    expect(await refutation(right)).toMatch(/^step 3 \(“Moving does not shorten it”\), prediction: the report says the answer “.+” was wrong, but it is right$/);
  }, 30_000);

  it('a step said to start later than the one before ended', async () => {
    const r = copyOf(reference);
    r.steps[1]!.startedAtUs = r.steps[1]!.startedAtUs! + 100_000; // still before step 3 started
    expect(await refutation(r)).toMatch(/^step 2 \(“The short way back”\) is said to start at [\d.]+ s, but step 1 \(“The long way round”\) had ended at 2\.022 s — where Next starts the next step$/);
  }, 30_000);
});

describe('a report that cannot be checked is refused, located', () => {
  it('not JSON: line and column', async () => {
    expect(await refusal('{\n  "format": "route-optimization-lab/report@1",\n  oops\n}')).toEqual([expect.stringMatching(/^\(file\) line 3, column 3: not valid JSON/)]);
  });

  it('a field of the wrong type, an unknown field, a missing one', async () => {
    const r = copyOf(reference) as unknown as Record<string, unknown> & LabReport;
    (r.steps[1]!.checks[0] as Record<string, unknown>).atUs = 'soon';
    r.grade = 'A';
    delete (r as Partial<LabReport>).seed;
    const errors = await refusal(r);
    expect(errors).toContain('steps[1].checks[0].atUs: expected a number, got the text "soon"');
    expect(errors).toContain('grade: unknown field (check the spelling against docs/lessons.md "Lab reports")');
    expect(errors).toContain('seed: is required (a number)');
  });

  it('another format', async () => {
    expect(await refusal({ ...reference, format: 'route-optimization-lab/lesson@1' })).toEqual(['format: must be "route-optimization-lab/report@1" (got "route-optimization-lab/lesson@1")']);
  });

  it('a lesson that is not built in, or a lesson file not given', async () => {
    expect(await refusal({ ...reference, lesson: { ...reference.lesson, id: 'no-such-lesson' } })).toEqual([expect.stringMatching(/^lesson\.id: no built-in lesson "no-such-lesson" \(built-ins: triangle-routing, /)]);
    expect(await refusal({ ...reference, lesson: { ...reference.lesson, source: 'file' } })).toEqual([expect.stringMatching(/^lesson\.sha256: the report is about the lesson file “Triangle routing” \(triangle-routing, sha256 [0-9a-f]{12}…\); give that lesson file with --lesson FILE$/)]);
  });

  it('a command the lab would refuse, and commands out of order', async () => {
    const r = copyOf(reference);
    (r.commands[1]!.command as Record<string, unknown>).node = 'NOPE';
    r.commands[2]!.atUs = 1;
    const errors = await refusal(r);
    expect(errors).toContainEqual(expect.stringMatching(/^commands\[1\]\.command: the lab would refuse this command: .*NOPE/));
    expect(errors).toContain('commands[2].atUs: 0.000001 s comes before the previous command\'s 5.522 s (the log is in time order)');
  });

  it('steps that do not fit the lesson', async () => {
    const fewer = copyOf(reference);
    fewer.steps.pop();
    expect(await refusal(fewer)).toEqual(['steps: the lesson has 5 steps, the report 4']);
    const renamed = copyOf(reference);
    renamed.steps[1]!.checks[0]!.text = 'Something easier';
    renamed.steps[3]!.prediction!.answer = { choice: 9 };
    const errors = await refusal(renamed);
    expect(errors).toContainEqual(expect.stringMatching(/^steps\[1\]\.checks\[0\]\.text: "Something easier" is not the lesson's check, "/));
    expect(errors).toContainEqual(expect.stringMatching(/^steps\[3\]\.prediction\.answer: there is no choice 10 \(the prediction has \d choices\)$/));
  });
});

describe('a report whose run would be too much work', () => {
  it('is refused before it is replayed, naming the command that adds the most', async () => {
    const r = copyOf(reference);
    const flood = { type: 'start-flow', node: 'CN', flow: { id: 'flood', destination: '10.1.0.10', sourcePort: 9000, destinationPort: 9000, start: 1_000_000, interval: 1000, count: 1000, payloadOctets: 64 } };
    r.commands = Array.from({ length: 400 }, (_, i) => ({ atUs: 1_000_000 + i * 10, command: { ...flood, flow: { ...flood.flow, id: `flood-${i}` } } }));
    const errors = await refusal(r);
    expect(errors).toEqual([expect.stringMatching(/^commands: the scenario and its commands would take about [\d,]+ events of work, more than the [\d,]+ a run may take; command log entry \d+ adds the most/)]);
  });
});

describe('a report made with another version of the lab', () => {
  it('is checked against this lab\'s lesson and scenario, and says so', async () => {
    const r = copyOf(reference);
    r.lesson.sha256 = '0'.repeat(64);
    r.scenario.sha256 = '1'.repeat(64);
    r.lab.version = '0.0.9';
    const c = await check(r);
    expect(c.kind === 'checked' && c.verdict).toEqual({
      confirmed: true, discrepancies: [],
      notes: [
        'the report was made with another version of the lesson “Triangle routing” (lab 0.0.9); it is checked against this lab\'s',
        'the report was made with another version of the scenario “triangle-routing” (lab 0.0.9); it is replayed on this lab\'s',
      ],
    });
  }, 30_000);

  it('naming another scenario than the lesson\'s is refuted', async () => {
    const r = copyOf(reference);
    r.scenario.id = 'explore';
    expect(await refutation(r)).toBe('the report\'s scenario (explore) is not the one the lesson runs (triangle-routing)');
  }, 30_000);
});

describe('what is seen, in words', () => {
  it('a different wording of what was seen is a note, not a refutation: the lab\'s wording may change', async () => {
    const r = copyOf(reference);
    r.steps[0]!.checks[0]!.detail = 'the datagram went the long way';
    const c = await check(r);
    expect(c.kind === 'checked' && c.verdict.confirmed).toBe(true);
    expect(c.kind === 'checked' && c.verdict.notes).toEqual([expect.stringMatching(/^step 1, check 1 \(“.+”\): the report words what was seen “the datagram went the long way”; this lab words it “datagram 0 of cn-to-mn arrived in 5 hops/)]);
  }, 30_000);

  it('a check reworded in another version of the lesson is accepted; in the same version it is refused', async () => {
    const r = copyOf(reference);
    r.steps[1]!.checks[0]!.text = 'An older wording';
    expect(await refusal(r)).toEqual([expect.stringMatching(/^steps\[1\]\.checks\[0\]\.text: "An older wording" is not the lesson's check/)]);
    r.lesson.sha256 = 'a'.repeat(64);
    const c = await check(r);
    expect(c.kind === 'checked' && c.verdict.confirmed).toBe(true);
  }, 30_000);
});
