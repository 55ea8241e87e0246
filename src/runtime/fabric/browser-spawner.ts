// Hosts as Web Workers (docs/architecture.md "Runtime": one Web Worker per node). Each
// worker gets its control port in a first `connect` message; its `error` and
// `messageerror` events become fabric failures naming the node (docs/architecture.md "Runtime").
// Vite bundles node-worker.ts as a separate module worker (prestarted-workers.ts
// names its URL). A worker started ahead of the run for the same node is used
// when one is waiting.

import type { ConnectMessage } from './protocol';
import { startNodeWorker, takePrestartedWorker } from './prestarted-workers';
import type { NodeSpawner } from './spawner';

export function createBrowserSpawner(): NodeSpawner {
  return (node) => {
    const started = takePrestartedWorker(node) ?? startNodeWorker(node);
    const worker = started.worker;
    const channel = new MessageChannel();
    worker.postMessage({ type: 'connect', port: channel.port2 } satisfies ConnectMessage, [channel.port2]);
    return {
      port: channel.port1,
      onError(listener) {
        const failed = (message: string): void => listener(`the worker of node "${node}" failed: ${message}`);
        started.onError = failed;
        const early = started.early;
        if (early !== undefined) queueMicrotask(() => failed(early));
        worker.addEventListener('messageerror', () => listener(`the worker of node "${node}" sent a message that could not be read`));
      },
      terminate() {
        channel.port1.close();
        worker.terminate();
      },
    };
  };
}
