// A spawner that records every step request the coordinator sends, so tests
// can see which windows were opened and for whom — and can drop requests to
// play a host that never answers.

import type { NodeId } from '../../../engine/node/contract';
import type { RoleRegistry } from '../../../scenarios/load';
import { PROTOCOL_REGISTRY } from '../../../scenarios/registry';
import { inThreadSpawner } from '../in-thread-spawner';
import type { ToHost } from '../protocol';
import type { NodeSpawner } from '../spawner';

export interface SentRequest {
  readonly node: NodeId;
  readonly message: ToHost;
}

export function recordingSpawner(log: SentRequest[], options: { registry?: RoleRegistry; drop?: (node: NodeId, message: ToHost) => boolean } = {}): NodeSpawner {
  const inner = inThreadSpawner(options.registry ?? PROTOCOL_REGISTRY);
  return (node) => {
    const host = inner(node);
    const port = host.port;
    const proxy = {
      postMessage(message: ToHost, transfer: Transferable[] = []) {
        log.push({ node, message });
        if (options.drop?.(node, message) === true) return;
        port.postMessage(message, transfer);
      },
      set onmessage(listener: MessagePort['onmessage']) {
        port.onmessage = listener;
      },
      set onmessageerror(listener: MessagePort['onmessageerror']) {
        port.onmessageerror = listener;
      },
      close: () => port.close(),
    };
    return { ...host, port: proxy as unknown as MessagePort };
  };
}

/** The windows opened, as [node, end] pairs, in order. */
export function windows(log: readonly SentRequest[]): [NodeId, number][] {
  return log.flatMap(({ node, message }) => (message.type === 'window' ? [[node, message.end] as [NodeId, number]] : []));
}
