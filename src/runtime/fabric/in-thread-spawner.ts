// Hosts in the calling thread, each behind a real MessageChannel: the same
// messages, clones and transfers as with workers, minus the threads. Used by
// the tests (Node 20 has MessageChannel) and wherever workers are missing.

import type { RoleRegistry } from '../../scenarios/load';
import { PROTOCOL_REGISTRY } from '../../scenarios/registry';
import { NodeHost } from './node-host';
import type { NodeSpawner } from './spawner';

/** `registry`: the behaviours each host builds (tests pass one with a failing node). */
export function inThreadSpawner(registry: RoleRegistry = PROTOCOL_REGISTRY): NodeSpawner {
  return () => {
    const channel = new MessageChannel();
    const host = new NodeHost(channel.port2, registry);
    return {
      port: channel.port1,
      onError: () => {}, // an in-thread host cannot die outside the protocol: it reports `failed`
      terminate: () => {
        host.close();
        channel.port1.close();
      },
    };
  };
}
