// "Start a host for node X and give me its control port": the one thing the
// fabric needs from its surroundings. In the browser a host is a Web Worker
// (browser-spawner.ts); in tests and on Node it runs in the same thread over a
// real MessageChannel (in-thread-spawner.ts). The coordinator never knows
// which.

import type { NodeId } from '../../engine/node/contract';

export interface SpawnedHost {
  /** The coordinator's end of the host's control port (protocol.ts ToHost / FromHost). */
  readonly port: MessagePort;
  /** Called when the host dies outside the protocol (a worker's `error` or `messageerror`). */
  onError(listener: (reason: string) => void): void;
  /** Stops the host for good (terminates its worker). */
  terminate(): void;
}

export type NodeSpawner = (node: NodeId) => SpawnedHost;
