// The lessons slice of the lab's store (docs/architecture.md "UI"): the lesson
// open in the page, the learner's progress through it, and its live checks.
//
// The player reads the store and sends ordinary learner commands; it never
// reaches into the runtime's state. It is fed by the same batches as every
// other view (`lessonBatch`, called by the store's applyBatch) and keeps:
//
// - the prediction gate: a step that asks a prediction keeps the network
//   paused until the learner answers; answering resumes it;
// - the end of a step: the network pauses when the furthest step passes or
//   fails, so the learner can look; Next starts the next step at the instant
//   the previous one ended (lesson-feed.ts), as the headless run does;
// - the passes the learner saw, kept when a seek backwards makes the live
//   evaluation forget them (step-view.ts);
// - progress in localStorage (lesson-progress.ts), saved when it changes.

import type { StoreApi } from 'zustand';
import type { Micros } from '../../engine/node/time';
import type { LoadedLesson } from '../../lessons';
import type { LabCommand, RuntimeBatch } from '../../runtime/types';
import type { LabState } from '../store/lab-store';
import { LessonFeed } from './lesson-feed';
import { writeProgress, type LessonProgress, type PassedCheck, type PredictionAnswer } from './lesson-progress';
import { selectionFor } from './show-me';
import { stepView, type StepView } from './step-view';

export interface LessonSession {
  readonly id: string;
  readonly loaded: LoadedLesson;
  /** The evaluator and its feeding (mutable: `version` says when what it reports changed). */
  readonly feed: LessonFeed;
  readonly progress: LessonProgress;
  /** Per step: what the panel shows. */
  readonly views: readonly StepView[];
  readonly version: number;
  /** The network was paused by the lesson at the end of the furthest step (Next resumes it). */
  readonly pausedAtEnd: boolean;
  /** The end of the furthest step has been acted on (paused at once, never again). */
  readonly endNoticed: boolean;
  /** The run's status in the last batch the lesson saw. */
  readonly status: RuntimeBatch['status'];
}

export interface LessonSlice {
  readonly lesson: LessonSession | null;
  /** The lesson picker dialog is open. */
  readonly lessonPickerOpen: boolean;
  setLessonPickerOpen(open: boolean): void;
  /** Opens `loaded` on the run the store holds now, with `progress` (fresh or restored). */
  beginLesson(loaded: LoadedLesson, progress: LessonProgress): void;
  closeLesson(): void;
  /** Called by applyBatch with every batch the page receives. */
  lessonBatch(batch: RuntimeBatch): void;
  answerPrediction(step: number, answer: PredictionAnswer): void;
  lessonNext(): void;
  lessonBack(): void;
  /** "Show me": seek to the check's evidence and select it in every view. */
  showMe(step: number, check: number): Promise<void>;
  /** A learner command the lesson offers as a button (an attack only the lesson can ask for). */
  lessonSend(command: LabCommand): void;
  saveLessonProgress(): void;
}

type Set = StoreApi<LabState>['setState'];
type Get = StoreApi<LabState>['getState'];

/** The step the network waits on for a prediction, if any. */
export function gatedStep(s: Pick<LabState, 'lesson'>): number | null {
  const l = s.lesson;
  if (l === null) return null;
  const k = l.progress.reached;
  const step = l.loaded.lesson.steps[k]!;
  if (step.prediction === undefined || l.progress.answers[k] !== null) return null;
  return l.views[k]?.state === 'passed' ? null : k;
}

function viewsOf(feed: LessonFeed, progress: LessonProgress): StepView[] {
  return progress.passed.map((passed, k) => stepView(feed.status(k), passed));
}

/** New passes the learner saw, recorded; the same array if there are none. */
function recordPasses(progress: LessonProgress, views: readonly StepView[]): LessonProgress {
  let changed = false;
  const passed = progress.passed.map((checks, k) => checks.map((seen, i): PassedCheck | null => {
    const c = views[k]!.checks[i]!;
    if (seen !== null || c.state !== 'passed' || c.remembered === true) return seen;
    changed = true;
    return { at: c.at ?? 0, ...(c.evidence === undefined ? {} : { evidence: c.evidence }), ...(c.measured === undefined ? {} : { measured: c.measured }), detail: c.detail };
  }));
  return changed ? { ...progress, passed } : progress;
}

/** `next`, with each step's view that did not change replaced by the previous object (memoised components skip it). */
function reuse(prev: readonly StepView[], next: readonly StepView[]): readonly StepView[] {
  let same = prev.length === next.length;
  const out = next.map((v, k) => {
    const p = prev[k];
    if (p !== undefined && JSON.stringify(p) === JSON.stringify(v)) return p;
    same = false;
    return v;
  });
  return same ? prev : out;
}

/** Pauses or plays after the store has taken the batch in: a runtime may answer at once, re-entering applyBatch. */
function later(action: () => void): void {
  queueMicrotask(action);
}

export function createLessonSlice(set: Set, get: Get): LessonSlice {
  /** Recomputes what the panel shows; saves if progress changed. */
  const refresh = (l: LessonSession, progress: LessonProgress, extra: Partial<LessonSession> = {}): LessonSession => {
    const views = reuse(l.views, viewsOf(l.feed, progress));
    const recorded = recordPasses(progress, views);
    const same = recorded === l.progress && views === l.views;
    const next: LessonSession = same && Object.keys(extra).length === 0 ? l : { ...l, ...extra, progress: recorded, views, version: l.version + 1 };
    if (recorded !== l.progress) writeProgress(l.id, { ...recorded, commands: get().commands, now: get().now });
    return next;
  };

  const save = (l: LessonSession): void => writeProgress(l.id, { ...l.progress, commands: get().commands, now: get().now });

  return {
    lesson: null,
    lessonPickerOpen: false,

    setLessonPickerOpen(open) {
      set({ lessonPickerOpen: open });
    },

    beginLesson(loaded, progress) {
      const { trace, commands, now } = get();
      const feed = new LessonFeed(loaded);
      progress.starts.forEach((at, k) => feed.start(k, at, now));
      feed.catchUp(trace.events, commands, now);
      const views = viewsOf(feed, progress);
      const reached = progress.reached;
      const session: LessonSession = {
        id: loaded.lesson.id, loaded, feed, progress, views, version: 0, pausedAtEnd: false, status: get().status,
        endNoticed: progress.passed[reached]!.every((c) => c !== null),
      };
      set({ lesson: session });
      save(session);
    },

    closeLesson() {
      const l = get().lesson;
      if (l !== null) save(l);
      set({ lesson: null });
    },

    lessonBatch(batch) {
      const l = get().lesson;
      if (l === null) return;
      l.feed.batch(batch);
      const reached = l.progress.reached;
      const live = l.feed.status(reached).state;
      const ended = live === 'passed' || live === 'failed';
      const notice = ended && !l.endNoticed;
      const extra: Partial<LessonSession> = {
        ...(batch.status === l.status ? {} : { status: batch.status }),
        ...(notice ? { endNoticed: true, pausedAtEnd: batch.status === 'playing' } : {}),
        // Played on after the lesson paused: Next need not resume it.
        ...(!notice && batch.status === 'playing' && l.status !== 'playing' ? { pausedAtEnd: false } : {}),
      };
      const next = refresh(l, l.progress, extra);
      if (next !== l) set({ lesson: next });
      // A step's end, or a prediction still unanswered: the network waits for the learner.
      if (batch.status === 'playing' && (notice || gatedStep(get()) !== null)) later(() => get().runtime?.pause());
      // `now` and the command log are saved with it: while playing, only when something else changes.
      if (batch.status !== 'playing' || batch.commands !== undefined) save(next);
    },

    answerPrediction(step, answer) {
      const l = get().lesson;
      if (l === null || l.progress.answers[step] !== null) return;
      const answers = l.progress.answers.map((a, k) => (k === step ? answer : a));
      const next = refresh(l, { ...l.progress, answers }, { pausedAtEnd: false });
      set({ lesson: next });
      save(next);
      const { runtime, status } = get();
      if (step === l.progress.reached && next.views[step]?.state !== 'passed' && status === 'paused') later(() => runtime?.start());
    },

    lessonNext() {
      const l = get().lesson;
      if (l === null) return;
      const { step, reached, starts } = l.progress;
      const last = l.loaded.lesson.steps.length - 1;
      if (step < reached) {
        set({ lesson: { ...l, progress: { ...l.progress, step: step + 1 }, version: l.version + 1 } });
        save(get().lesson!);
        return;
      }
      if (reached >= last) return;
      const now = get().now;
      // The next step starts where this one ended, as in a headless run; skipped, it starts now.
      const at: Micros = Math.min(now, l.feed.endOf(reached) ?? now);
      l.feed.start(reached + 1, at, now);
      const progress: LessonProgress = { ...l.progress, step: reached + 1, reached: reached + 1, starts: [...starts, at] };
      const resume = l.pausedAtEnd;
      const next = refresh(l, progress, { pausedAtEnd: false, endNoticed: false });
      set({ lesson: next });
      save(next);
      const { runtime, status } = get();
      if (gatedStep(get()) !== null) {
        if (status === 'playing') later(() => runtime?.pause());
      } else if (resume && status === 'paused') later(() => runtime?.start());
    },

    lessonBack() {
      const l = get().lesson;
      if (l === null || l.progress.step === 0) return;
      set({ lesson: { ...l, progress: { ...l.progress, step: l.progress.step - 1 }, version: l.version + 1 } });
      save(get().lesson!);
    },

    async showMe(step, check) {
      const { lesson, runtime } = get();
      const evidence = lesson?.views[step]?.checks[check]?.evidence;
      if (evidence === undefined || runtime === null) return;
      const select = (): void => {
        const { packet, node } = selectionFor(get().trace, evidence.eventId);
        if (packet !== null) get().selectPacket(packet);
        if (node !== null) get().selectNode(node);
      };
      select();
      try {
        await runtime.seek(evidence.time);
      } catch {
        return; // a run that cannot seek says why in the playback controls
      }
      select(); // the event may only now be in the trace (a seek forward, after a reload)
    },

    lessonSend(command) {
      get().runtime?.send(command);
    },

    saveLessonProgress() {
      const l = get().lesson;
      if (l !== null) save(l);
    },
  };
}
