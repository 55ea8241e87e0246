// The packet list's free-text filter, kept outside the list so "Save capture"
// can save only the packets the list shows (page-capture.ts). The node and kind
// filter are in the lab store already (lab-store.ts `packetFilter`).

import { create } from 'zustand';

interface PacketTextFilter {
  readonly text: string;
  setText(text: string): void;
}

export const usePacketTextFilter = create<PacketTextFilter>()((set) => ({
  text: '',
  setText: (text) => set({ text }),
}));
