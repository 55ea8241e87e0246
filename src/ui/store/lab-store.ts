// The lab's one store (docs/architecture.md "UI": zustand, slices for topology, playback,
// trace, selection, view preferences and lessons — the last in
// ui/lessons/lesson-slice.ts). The runtime's batches flow in
// through `applyBatch`; the learner's actions flow out through the runtime
// held here (`runtime.send`), never into node state directly.
//
// One selection drives every view (docs/architecture.md "UI"): the packet list, the ladder
// and the canvas all read `selectedPacket`; the state panels read
// `selectedNode`.

import { create } from 'zustand';
import type { NodeId, TraceEventId } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { PacketKind } from '../../engine/wire/classify';
import type { LoadedScenario } from '../../scenarios/to-topology';
import type { CommandLogEntry, LabRuntime, NodeView, RuntimeBatch, RuntimeFailure, RuntimeStatus, Speed } from '../../runtime/types';
import { createLessonSlice, type LessonSlice } from '../lessons/lesson-slice';
import { createStatsSlice, type StatsSlice } from '../stats/stats-slice';
import { TraceLog } from './trace-log';

export interface PacketFilter {
  /** Only packets sent or forwarded by these nodes; empty = every node. */
  readonly nodes: readonly NodeId[];
  /** Only these kinds; empty = every kind. */
  readonly kinds: readonly PacketKind[];
}

export interface LabState extends LessonSlice, StatsSlice {
  // scenario & runtime
  readonly scenarioId: string | null;
  readonly scenario: LoadedScenario | null;
  readonly runtime: LabRuntime | null;
  /** A scenario that could not be opened, or a runtime that could not start: shown instead of the lab. */
  readonly loadError: string | null;
  // playback
  readonly status: RuntimeStatus;
  readonly now: Micros;
  readonly speed: Speed;
  readonly failure: RuntimeFailure | null;
  readonly commands: readonly CommandLogEntry[];
  /** The learner's last command the runtime refused, and why (shown until dismissed or the next command). */
  readonly rejectedCommand: string | null;
  // trace (mutable log + version; see trace-log.ts)
  readonly trace: TraceLog;
  readonly traceVersion: number;
  readonly nodes: Readonly<Record<NodeId, NodeView>>;
  // selection
  readonly selectedPacket: TraceEventId | null;
  readonly selectedNode: NodeId | null;
  // view preferences
  readonly presentation: boolean;
  readonly packetFilter: PacketFilter;

  attachRuntime(runtime: LabRuntime, scenarioId: string): void;
  detachRuntime(): void;
  setLoadError(message: string | null): void;
  dismissRejectedCommand(): void;
  applyBatch(batch: RuntimeBatch): void;
  selectPacket(id: TraceEventId | null): void;
  selectNode(id: NodeId | null): void;
  setPresentation(on: boolean): void;
  setPacketFilter(filter: PacketFilter): void;
}

const EMPTY_FILTER: PacketFilter = { nodes: [], kinds: [] };

/** A store of the lab's shape: the page's one (`useLab`), or one per side of the compare page (src/ui/compare). */
export function createLabStore() {
  return create<LabState>()((set, get) => ({
    ...createLessonSlice(set, get),
    ...createStatsSlice(set, get),
    scenarioId: null,
    scenario: null,
    runtime: null,
    loadError: null,
    status: 'loading',
    now: 0,
    speed: 1,
    failure: null,
    commands: [],
    rejectedCommand: null,
    trace: new TraceLog(),
    traceVersion: 0,
    nodes: {},
    selectedPacket: null,
    selectedNode: null,
    presentation: false,
    packetFilter: EMPTY_FILTER,

    attachRuntime(runtime, scenarioId) {
      get().closeLesson(); // saved; a lesson opens its scenario first, then itself (open-lesson.ts)
      get().statsAttach(runtime);
      get().runtime?.destroy();
      set({
        runtime, scenarioId, scenario: runtime.scenario, loadError: null, status: 'loading', now: 0, speed: get().speed,
        failure: null, commands: [], rejectedCommand: null, trace: new TraceLog(runtime.traceRetention), traceVersion: 0, nodes: {}, selectedPacket: null, selectedNode: null,
      });
    },

    detachRuntime() {
      get().runtime?.destroy();
      set({ runtime: null });
    },

    setLoadError(message) {
      set({ loadError: message });
    },

    dismissRejectedCommand() {
      set({ rejectedCommand: null });
    },

    applyBatch(batch) {
      const { trace } = get();
      // The log keeps a window (trace-log.ts): a late start counts what came before; a seek backwards brings the window there.
      if (batch.traceBefore !== undefined) trace.startAfter(batch.traceBefore);
      if (batch.truncatedTo !== undefined) trace.truncateAfter(batch.truncatedTo);
      if (batch.window !== undefined) trace.replace(batch.window);
      const to = batch.window?.to;
      const fresh = to === undefined ? batch.trace : batch.trace.filter((e) => e.time > to);
      if (fresh.length > 0) trace.append(fresh);
      const selected = get().selectedPacket;
      const changed = batch.truncatedTo !== undefined || batch.trace.length > 0;
      // A command the runtime accepted after a refused one: the refusal is old news.
      const accepted = batch.commands !== undefined && batch.commands.length > get().commands.length;
      set({
        now: batch.now,
        status: batch.status,
        speed: batch.speed,
        ...(changed ? { traceVersion: get().traceVersion + 1 } : {}),
        ...(batch.nodes === undefined ? {} : { nodes: batch.nodes }),
        ...(batch.commands === undefined ? {} : { commands: batch.commands }),
        ...(batch.failure === undefined ? {} : { failure: batch.failure }),
        ...(accepted ? { rejectedCommand: null } : {}),
        ...(batch.rejected === undefined ? {} : { rejectedCommand: `The ${batch.rejected.command.type} command was not applied: ${batch.rejected.reason}` }),
        // A packet removed by a seek backwards can no longer be selected.
        ...(selected !== null && !trace.byId.has(selected) ? { selectedPacket: null } : {}),
      });
      get().statsBatch(batch);
      get().lessonBatch(batch);
    },

    selectPacket(id) {
      get().trace.keepFrom(id === null ? undefined : get().trace.packetById.get(id)?.time); // the window keeps a selected packet
      set({ selectedPacket: id });
    },

    selectNode(id) {
      set({ selectedNode: id });
    },

    setPresentation(on) {
      set({ presentation: on });
    },

    setPacketFilter(filter) {
      set({ packetFilter: filter });
    },
  }));
}

export type LabStore = ReturnType<typeof createLabStore>;

export const useLab: LabStore = createLabStore();
