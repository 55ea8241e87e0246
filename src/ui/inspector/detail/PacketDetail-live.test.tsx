// @vitest-environment happy-dom
import { act, render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLab } from '../../store/lab-store';
import { loadFixtureIntoStore, runFixture, type LabFixture } from '../../test-support/lab-fixture';
import { failOnConsoleErrors } from '../../test-support/component-test';
import { PacketInspector } from '../PacketInspector';

// The selected packet's detail follows the run: the trace log grows in place,
// and what arrives after the packet (the home agent's verdict, the receptions)
// must show without selecting the packet again.
let smooth: LabFixture;
beforeAll(() => {
  smooth = runFixture('smooth-handoff', 3_000_000);
});

failOnConsoleErrors();

describe('the selected packet while the run goes on', () => {
  it('shows the home agent’s verdict and the reception once they arrive', async () => {
    // MN's first Registration Request leaves at 0.001 s; HA checks it at 0.013 s.
    const upTo = 5_000;
    const before = smooth.batch.trace.filter((e) => e.time <= upTo);
    const after = smooth.batch.trace.filter((e) => e.time > upTo);
    expect(before.some((e) => e.id === 'MN:11')).toBe(true);
    expect(after.length).toBeGreaterThan(0);
    loadFixtureIntoStore({ ...smooth, batch: { ...smooth.batch, now: upTo, trace: before } });
    render(<PacketInspector />);
    act(() => useLab.getState().selectPacket('MN:11'));
    const auth = () => screen.getByRole('group', { name: 'Mobile-Home Authentication, SPI 1000' });
    // The detail view is fetched when a packet is first selected (PacketInspector.tsx).
    await screen.findByRole('group', { name: 'Mobile-Home Authentication, SPI 1000' });
    expect(auth().textContent).not.toContain('verified by HA');

    act(() => useLab.getState().applyBatch({ ...smooth.batch, trace: after }));
    expect(auth().textContent).toContain('✔ verified by HA at 0.013000 s');
    expect(screen.getByRole('region', { name: 'What happened to it' }).textContent).toContain('Received by FA1');
  });
});
