// The course map: the lessons laid out in the order of the paper they teach
// (Perkins & Johnson §2 … §10), each under the part of the paper most of its
// sections belong to, with a cross-reference under every other part it
// touches. Pure data in, data out — the course page renders it and a unit
// test checks the order, the filter and the progress wording.

/** A lesson as the course map needs it (from the lesson file: docs/lessons.md). */
export interface CourseLesson {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** Sections of Perkins & Johnson, e.g. ["§3", "§3.1"]. */
  readonly sections: readonly string[];
  readonly steps: number;
}

/** A part of the paper: one row of the course map. */
export interface PaperPart {
  /** What the filter and the map show, e.g. "§3" or "§6–§8". */
  readonly label: string;
  /** The top-level section numbers it covers. */
  readonly covers: readonly number[];
  readonly title: string;
  /** A part the lab does not teach yet (no lesson can run it). */
  readonly notYet?: string;
}

// The parts follow the paper's own division (docs/references.md, "Perkins & Johnson"):
// §6–§8 describe one subject, the ways to establish a registration key, so they form one row.
export const PAPER_PARTS: readonly PaperPart[] = [
  { label: '§2', covers: [2], title: 'Base Mobile IP and triangle routing' },
  { label: '§3', covers: [3], title: 'Binding caches: Binding Warning, Request, Update and Acknowledge' },
  { label: '§4', covers: [4], title: 'Smooth handoff between foreign agents' },
  { label: '§5', covers: [5], title: 'Security associations and the home agent\'s master key' },
  { label: '§6–§8', covers: [6, 7, 8], title: 'Establishing a registration key' },
  { label: '§9', covers: [9], title: 'The key-establishment algorithms' },
  { label: '§10', covers: [10], title: 'Route optimization in IPv6' },
];

/** The row for lessons citing no part above. */
export const OTHER_PART: PaperPart = { label: 'Other', covers: [], title: 'Other sections' };

/** The top-level section number of "§3.3" (3), or null if it is not a section. */
export function topSection(section: string): number | null {
  const m = /^§(\d+)/.exec(section.trim());
  return m === null ? null : Number(m[1]);
}

export function partOf(section: string): PaperPart | undefined {
  const top = topSection(section);
  return top === null ? undefined : PAPER_PARTS.find((p) => p.covers.includes(top));
}

/** Compares "§3.1" and "§3.10" as the paper numbers them (3.1 < 3.10 < 4). */
export function compareSections(a: string, b: string): number {
  const nums = (s: string): number[] => s.replace(/^§/, '').split('.').map(Number);
  const [x, y] = [nums(a), nums(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The part a lesson sits under: the one most of its sections belong to — a registration-key
 * lesson citing §4.1, §6, §7 and §8 is about §6–§8 — and, between parts cited as often, the
 * earliest in the paper.
 */
export function homePart(lesson: CourseLesson): PaperPart {
  let best: PaperPart | undefined;
  let most = 0;
  for (const part of PAPER_PARTS) {
    const n = lesson.sections.filter((s) => partOf(s) === part).length;
    if (n > most) [best, most] = [part, n];
  }
  return best ?? OTHER_PART;
}

export interface CourseRow {
  readonly part: PaperPart;
  /** Lessons that sit under this part (homePart), in teaching (registration) order. */
  readonly lessons: readonly CourseLesson[];
  /** Lessons sitting under an earlier part that also cover this one. */
  readonly alsoCovered: readonly CourseLesson[];
}

/**
 * The course map: one row per part of the paper, in its order (every part,
 * taught or not, so the map shows what the lab does not cover yet), then a
 * row for lessons citing no known part, if there are any.
 */
export function courseMap(lessons: readonly CourseLesson[]): CourseRow[] {
  const rows = PAPER_PARTS.map((part): CourseRow => ({
    part,
    lessons: lessons.filter((l) => homePart(l) === part),
    alsoCovered: lessons.filter((l) => homePart(l) !== part && l.sections.some((s) => partOf(s) === part)),
  }));
  const others = lessons.filter((l) => homePart(l) === OTHER_PART);
  return others.length === 0 ? rows : [...rows, { part: OTHER_PART, lessons: others, alsoCovered: [] }];
}

/** The rows a filter shows: every row for "all", else the one row of that part. */
export function filterCourse(rows: readonly CourseRow[], filter: string): CourseRow[] {
  return filter === 'all' ? [...rows] : rows.filter((r) => r.part.label === filter);
}

/** How far the learner got in a lesson, from the progress the browser keeps. */
export type LessonProgressState =
  | { readonly kind: 'not-started' }
  | { readonly kind: 'at-step'; readonly step: number; readonly of: number }
  | { readonly kind: 'done' };

/** `stored`: the furthest step reached (0-based) and whether every check passed, or null if never opened. */
export function progressState(stored: { readonly step: number; readonly passedAll: boolean } | null, steps: number): LessonProgressState {
  if (stored === null) return { kind: 'not-started' };
  if (stored.passedAll) return { kind: 'done' };
  return { kind: 'at-step', step: Math.min(stored.step + 1, steps), of: steps };
}

export function progressText(state: LessonProgressState): string {
  switch (state.kind) {
    case 'not-started': return 'Not started';
    case 'at-step': return `Step ${state.step} of ${state.of}`;
    case 'done': return 'Done';
  }
}
