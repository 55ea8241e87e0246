import type { PacketFilter } from '../store/lab-store';

// Whether the packet list is filtered, on its own so the Save capture button can
// ask it at every render without loading the capture writer (page-capture.ts,
// which replays the run with the whole engine) before the learner saves.

export interface ListFilter {
  readonly packetFilter: PacketFilter;
  readonly text: string;
}

/** True when the packet list hides any packet. */
export function filterActive(f: ListFilter): boolean {
  return f.packetFilter.nodes.length > 0 || f.packetFilter.kinds.length > 0 || f.text.trim() !== '';
}
