import { describe, expect, it } from 'vitest';
import type { StepAction } from '../../lessons';
import { attackButtons, howTo } from './step-actions';

const act = (command: object): StepAction => ({ after: 0, command }) as unknown as StepAction;

describe('how a step\'s actions are offered in the lesson panel', () => {
  it('words a spoofed Binding Request as what it is: a request to the home agent in another node\'s name', () => {
    const [button] = attackButtons([act({ type: 'adversary', node: 'Mallory', action: { kind: 'spoof-binding-request', to: 'HA', homeAddress: '10.1.0.10', as: 'CN' } })]);
    expect(button!.label).toBe('Make Mallory send HA a Binding Request in CN\'s name');
    const [replay] = attackButtons([act({ type: 'adversary', node: 'Mallory', action: { kind: 'replay-binding-update', to: 'CN' } })]);
    expect(replay!.label).toBe('Make Mallory replay an overheard Binding Update');
  });

  it('names the link to change as the page does, and says where a flow is stopped', () => {
    const hints = howTo([
      act({ type: 'set-link', link: 'fa1-r', loss: 1 }), act({ type: 'set-link', link: 'fa1-r', loss: 0 }),
      act({ type: 'stop-flow', node: 'CN', flow: 'cn-to-mn' }),
    ], (id) => (id === 'fa1-r' ? 'link FA1 – R' : undefined));
    expect(hints).toEqual([
      'Open the Settings tab on the right: under Links, choose "link FA1 – R", give its new delay or loss and apply.',
      'Click CN on the network, then open the Settings tab on the right: under Traffic flows, press "Stop this flow" next to cn-to-mn.',
    ]);
    for (const h of hints) expect(h).not.toContain('fa1-r');
  });
});
