// Hosts as Web Workers (docs/architecture.md "Runtime": one Web Worker per node). Each
// worker gets its control port in a first `connect` message; its `error` and
// `messageerror` events become fabric failures naming the node (docs/architecture.md "Runtime").
// Vite bundles node-worker.ts as a separate module worker from the URL below.

import type { ConnectMessage } from './protocol';
import type { NodeSpawner } from './spawner';

export function createBrowserSpawner(): NodeSpawner {
  return (node) => {
    const worker = new Worker(new URL('./node-worker.ts', import.meta.url), { type: 'module', name: `node ${node}` });
    const channel = new MessageChannel();
    worker.postMessage({ type: 'connect', port: channel.port2 } satisfies ConnectMessage, [channel.port2]);
    return {
      port: channel.port1,
      onError(listener) {
        worker.addEventListener('error', (e) => {
          e.preventDefault();
          listener(`the worker of node "${node}" failed: ${e.message || 'it could not start or crashed'}`);
        });
        worker.addEventListener('messageerror', () => listener(`the worker of node "${node}" sent a message that could not be read`));
      },
      terminate() {
        channel.port1.close();
        worker.terminate();
      },
    };
  };
}
