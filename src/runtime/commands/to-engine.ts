// From a learner's LabCommand (runtime/types.ts) to what the engine applies
// (docs/architecture.md "Runtime"). Both runtimes — the worker fabric and the in-page one — call
// this, so a command means the same thing in either:
//
//   move      → the network moves the node (radio attachment follows);
//   set-link  → the network changes a link's delay and/or loss;
//   everything else → a command for one node's behaviour (plain data,
//                     engine protocol/nodes/common/lab-commands.ts), which
//                     traces what it changed and the section it governs.
//
// Validate first (validateLabCommand): toEngineCommand assumes a command
// that passed, against the same scenario.

import type { Position } from '../../engine/network/topology';
import type { NodeId } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { InjectedAttack, LabNodeCommand } from '../../engine/protocol/nodes/common/lab-commands';
import { toAttack } from '../../scenarios/node-addresses';
import { adversaryActionSchema } from '../../scenarios/adversary-action-schema';
import type { LoadedScenario } from '../../scenarios/to-topology';
import type { InjectedAdversaryAction, LabCommand } from '../types';

export { validateLabCommand, MIN_LINK_DELAY_MICROS } from './validate';
export { settingRefusal, SETTING_SCOPES } from './setting-roles';

export type EngineCommand =
  | { readonly kind: 'move'; readonly node: NodeId; readonly position: Position }
  | { readonly kind: 'set-link'; readonly link: string; readonly delay?: Micros; readonly loss?: number }
  | { readonly kind: 'node'; readonly node: NodeId; readonly command: LabNodeCommand };

/**
 * An adversary action resolved against the scenario, as the scenario's own
 * scripted actions are (registry.ts toAttack): the target's address, and for
 * a forged Binding Update the home agent's address to spoof.
 */
function injectedAttack(action: InjectedAdversaryAction, loaded: LoadedScenario, adversary: NodeId): InjectedAttack {
  const parsed = adversaryActionSchema.parse({ ...action, atS: 0 }); // fills the format's defaults (lifetimeS, spi, which)
  const node = loaded.nodes.find((n) => n.id === adversary)!;
  const { at: _at, ...attack } = toAttack({ ...parsed, at: 0 }, loaded, node);
  return attack as InjectedAttack;
}

/** `loaded` resolves names to addresses (adversary actions); the command must have passed validateLabCommand. */
export function toEngineCommand(command: LabCommand, loaded: LoadedScenario): EngineCommand {
  switch (command.type) {
    case 'move':
      return { kind: 'move', node: command.node, position: { x: command.position.x, y: command.position.y } };
    case 'set-link':
      return {
        kind: 'set-link', link: command.link,
        ...(command.delay === undefined ? {} : { delay: command.delay }),
        ...(command.loss === undefined ? {} : { loss: command.loss }),
      };
    case 'configure': {
      const { type: _type, node, ...setting } = command;
      return { kind: 'node', node, command: { type: 'configure', ...setting } as LabNodeCommand };
    }
    case 'start-flow':
      return { kind: 'node', node: command.node, command: { type: 'start-flow', flow: command.flow } };
    case 'stop-flow':
      return { kind: 'node', node: command.node, command: { type: 'stop-flow', flow: command.flow } };
    case 'adversary':
      return { kind: 'node', node: command.node, command: { type: 'inject', attack: injectedAttack(command.action, loaded, command.node) } };
  }
}
