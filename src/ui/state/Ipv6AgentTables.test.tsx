// @vitest-environment happy-dom
// The IPv6 home agent's and access router's tables (docs/ipv6.md §3) on
// states their behaviours produced: a home registration, a smooth-handoff
// binding, and a neighbour being resolved with a datagram waiting.

import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AR1_ADDRESS, AR1_NODE, AR1_SA, CN_ADDRESS, COA1, COA2, Driver, HA_ADDRESS, HA_NODE, HA_SA, HOME_ADDRESS, S, bindingUpdate, datagram,
} from '../../engine/protocol/ipv6/common/agent-test-kit';
import { accessRouterV6Behaviour, initialAccessRouterV6State } from '../../engine/protocol/ipv6/ar/access-router-v6';
import { homeAgentV6Behaviour, initialHomeAgentV6State } from '../../engine/protocol/ipv6/ha/home-agent-v6';
import { useLab } from '../store/lab-store';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';
import { Ipv6AccessRouterTables } from './Ipv6AccessRouterTables';
import { Ipv6HomeAgentTables } from './Ipv6HomeAgentTables';

const view = { fresh: [], compact: false };
const linkOf = (iface: string): string => (iface === 'wlan0' ? 'cell1' : 'ar1-r');

failOnConsoleErrors();
beforeEach(() => {
  resetLabStore();
});

describe('IPv6 agent tables', () => {
  it("the home agent lists the home registration with its care-of address and the lifetime left", () => {
    const d = new Driver(homeAgentV6Behaviour, initialHomeAgentV6State({ homeInterface: 'wlan0', address: HA_ADDRESS, homePrefixLength: 64, associations: [HA_SA] }), HA_NODE.node);
    d.run({ kind: 'command', command: { type: 'install-routes', table: HA_NODE.table } }, 0);
    d.frame('eth0', bindingUpdate({ source: COA1, destination: HA_ADDRESS, homeAddress: HOME_ADDRESS, sequence: 1, lifetimeUnits: 75, sa: HA_SA }), S);
    useLab.setState({ now: 101 * S });
    render(<Ipv6HomeAgentTables state={d.state} view={view} linkOf={linkOf} />);
    const row = within(screen.getByRole('table', { name: 'Bindings (home registrations)' })).getByRole('row', { name: /2001:db8:1::10/ });
    expect(row.textContent).toContain(COA1);
    expect(row.textContent).toContain('200.0 s left of 300 s');
    const sa = within(screen.getByRole('table', { name: 'AH security associations' })).getByRole('row', { name: /1000/ });
    expect(sa.textContent).toContain('MN');
    expect(sa.textContent).not.toContain('00112233'); // keys are never shown
  });

  it('the access router shows a neighbour being resolved, then the previous care-of binding', () => {
    const d = new Driver(accessRouterV6Behaviour, initialAccessRouterV6State({ cellInterface: 'wlan0', address: AR1_ADDRESS, prefixLength: 64, associations: [AR1_SA] }), AR1_NODE.node);
    d.run({ kind: 'command', command: { type: 'install-routes', table: AR1_NODE.table } }, 0);
    d.frame('eth0', datagram(CN_ADDRESS, COA1), S);
    d.frame('eth0', bindingUpdate({ source: COA2, destination: AR1_ADDRESS, homeAddress: COA1, sequence: 1, lifetimeUnits: 5, sa: AR1_SA }), S);
    useLab.setState({ now: S });
    render(<Ipv6AccessRouterTables state={d.state} view={view} linkOf={linkOf} />);
    expect(screen.getByText(/Smooth handoff is/).textContent).toContain('on');
    const n = within(screen.getByRole('table', { name: 'Neighbour cache' })).getByRole('row', { name: new RegExp(COA1) });
    expect(n.textContent).toContain('resolving (1 solicitation sent, 1 datagram waiting)');
    expect(n.textContent).toContain('cell1');
    expect(n.textContent).not.toContain('wlan0');
    const b = within(screen.getByRole('table', { name: 'Previous care-of bindings' })).getByRole('row', { name: new RegExp(COA1) });
    expect(b.textContent).toContain(COA2);
  });
});
