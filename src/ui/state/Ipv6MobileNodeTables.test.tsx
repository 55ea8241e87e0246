// @vitest-environment happy-dom
// The IPv6 mobile node's tables (Perkins & Johnson §10; RFC 6275 §11.1) on
// states its behaviour produced from hand-built packets: registered in cell1
// with a Binding Update to the correspondent awaiting its acknowledgement;
// then a return-routability mobile node waiting for its tests.

import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AR1_MAC, COA1, HA, HA_KEY, HOME, awayInCell1, frameIn, mobilityPacketTo, step, tunnelled, udpFromCn,
} from '../../engine/protocol/ipv6/mn/test-support/mn6-fixture';
import type { MobileNodeV6State } from '../../engine/protocol/ipv6/mn/mobile-node-v6-state';
import { useLab } from '../store/lab-store';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';
import { Ipv6MobileNodeTables } from './Ipv6MobileNodeTables';

const S = 1_000_000;
const view = { fresh: [], compact: false };

failOnConsoleErrors();
beforeEach(() => {
  resetLabStore();
});

function registeredAndUpdating(change = {}): MobileNodeV6State {
  const registered = step(awayInCell1(change).state, frameIn(mobilityPacketTo({
    source: HA, destination: COA1, routingHeader2: HOME, message: { kind: 'binding-acknowledgement', status: 0, keyManagement: false, sequence: 1, lifetimeUnits: 75, options: [] }, ah: { spi: 1000, sequence: 1, key: HA_KEY },
  }), AR1_MAC), 1).state;
  return step(registered, frameIn(tunnelled(udpFromCn()), AR1_MAC), 2).state;
}

describe('IPv6 mobile node tables', () => {
  it('show where it is, its registration, its Binding Update List and its associations (no key)', () => {
    useLab.setState({ now: 11 * S });
    render(<Ipv6MobileNodeTables state={registeredAndUpdating()} view={view} />);
    const facts = screen.getByRole('region', { name: 'Attachment and home registration' });
    expect(facts.textContent).toContain(`Care-of address${COA1}`);
    expect(facts.textContent).toContain('registered at 2001:db8:2::ff:fe00:500, 290.0 s left of 300 s');
    expect(facts.textContent).toContain('Binding Updates authenticated with AH');
    const list = screen.getByRole('table', { name: 'Binding Update List' });
    const toHa = within(list).getByRole('row', { name: /2001:db8:1::1 \(home agent\)/ });
    expect(toHa.textContent).toContain(`${HOME} → ${COA1}`);
    expect(toHa.textContent).toContain('at 1.000 s');
    const toCn = within(list).getByRole('row', { name: /2001:db8:100::5 \(correspondent\)/ });
    expect(toCn.textContent).toContain('31.0 s left of 40 s');
    expect(toCn.textContent).toContain('not yet');
    const sa = within(screen.getByRole('table', { name: 'AH security associations' })).getByRole('row', { name: /^1001/ });
    expect(within(sa).getAllByRole('cell').map((c) => c.textContent).slice(0, 3)).toEqual(['1001', 'CN', '2']); // one AH packet sent to the correspondent: the next is number 2
    expect(screen.queryByRole('table', { name: 'Return-routability tokens' })).toBeNull();
    expect(document.body.textContent).not.toContain('0202020202');
  });

  it('under return routability it lists the tokens it waits for', () => {
    useLab.setState({ now: 2 * S });
    render(<Ipv6MobileNodeTables state={registeredAndUpdating({ correspondentAuthentication: 'return-routability' })} view={view} />);
    const row = within(screen.getByRole('table', { name: 'Return-routability tokens' })).getByRole('row', { name: /2001:db8:100::5/ });
    expect(row.textContent).toContain('waiting for the test');
    expect(row.textContent).toContain('waits for the tokens');
  });
});
