// @vitest-environment happy-dom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useLab } from '../../store/lab-store';
import { failOnConsoleErrors, resetLabStore } from '../../test-support/component-test';
import { loadFixtureIntoStore, runFixture } from '../../test-support/lab-fixture';
import { Outcomes } from './Outcomes';

failOnConsoleErrors();

// route-optimization with the mobile node dragged out of every cell at 5.2 s: the datagram the
// correspondent sends at 5.5 s reaches FA1, which puts it into its now empty cell at 5.505 s.
function fa1FrameAt(now: number) {
  resetLabStore();
  loadFixtureIntoStore(runFixture('route-optimization', now, [{ at: 5_200_000, node: 'MN', position: { x: 540, y: 800 } }]));
  const { trace } = useLab.getState();
  const row = trace.packets.find((p) => p.node === 'FA1' && p.time === 5_505_000 && p.kind === 'data')!;
  render(<Outcomes packetId={row.id} trace={trace} traceVersion={useLab.getState().traceVersion} onSelectPacket={() => {}} />);
}

describe('Outcomes of a frame nobody received', () => {
  it('says it is still on its way until it could have arrived', () => {
    fa1FrameAt(5_506_000);
    expect(screen.getByRole('region', { name: 'What happened to it' }).textContent).toContain('No node has received it yet: it is still on its way.');
  });

  it('says it is lost once it can no longer arrive, as the canvas and the banner do', () => {
    fa1FrameAt(5_600_000);
    expect(screen.getByRole('region', { name: 'What happened to it' }).textContent).toContain('Lost: no node on the link received it.');
  });
});
