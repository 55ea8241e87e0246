// The Web Worker of one network node: a shell around NodeHost (node-host.ts),
// which holds everything testable. The first message carries the control port.
// Nothing here loads zod (the scenario arrives validated): every worker compiles
// what it imports, and zod builds the format's schemas when it loads.

import { NodeHost } from './node-host';
import type { ConnectMessage } from './protocol';

self.addEventListener('message', function connect(e: MessageEvent<ConnectMessage>) {
  if (e.data?.type !== 'connect') return;
  self.removeEventListener('message', connect);
  new NodeHost(e.data.port);
});
