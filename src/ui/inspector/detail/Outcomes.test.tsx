// @vitest-environment happy-dom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useLab } from '../../store/lab-store';
import { failOnConsoleErrors, resetLabStore } from '../../test-support/component-test';
import { loadFixtureIntoStore, runFixture } from '../../test-support/lab-fixture';
import { Outcomes } from './Outcomes';

failOnConsoleErrors();

// route-optimization with the mobile node dragged out of every cell at 5.2 s: the datagram the
// correspondent sends at 5.5 s reaches FA1, which puts it into its now empty cell at 5.505 s; it
// reaches no one, and FA1 records it lost at 5.506 s, when it would have arrived.
function fa1FrameAt(now: number, withLossEvents = true) {
  resetLabStore();
  const f = runFixture('route-optimization', now, [{ at: 5_200_000, node: 'MN', position: { x: 540, y: 800 } }]);
  loadFixtureIntoStore(withLossEvents ? f : { ...f, batch: { ...f.batch, trace: f.batch.trace.filter((e) => e.kind !== 'lost') } });
  const { trace } = useLab.getState();
  const row = trace.packets.find((p) => p.node === 'FA1' && p.time === 5_505_000 && p.kind === 'data')!;
  render(<Outcomes packetId={row.id} trace={trace} traceVersion={useLab.getState().traceVersion} onSelectPacket={() => {}} />);
}

describe('Outcomes of a frame nobody received', () => {
  it('says it is still on its way until it would have arrived', () => {
    fa1FrameAt(5_505_500);
    expect(screen.getByRole('region', { name: 'What happened to it' }).textContent).toContain('No node has received it yet: it is still on its way.');
  });

  it('then says it was lost, with the reason its sender recorded', () => {
    fa1FrameAt(5_506_000);
    const text = screen.getByRole('region', { name: 'What happened to it' }).textContent;
    expect(text).toContain('Lost on the link: lost on link cell1: no station there has its destination address.');
    expect(text).toContain('no station on cell1 has that address: MN, whose address it is, has left the cell (it is now out of range of every cell)');
  });

  describe('in a trace without loss events', () => {
    it('says it is still on its way until it could have arrived', () => {
      fa1FrameAt(5_506_000, false);
      expect(screen.getByRole('region', { name: 'What happened to it' }).textContent).toContain('No node has received it yet: it is still on its way.');
    });

    it('says it is lost once it can no longer arrive, as the canvas and the banner do', () => {
      fa1FrameAt(5_600_000, false);
      expect(screen.getByRole('region', { name: 'What happened to it' }).textContent).toContain('Lost: no node on the link received it.');
    });
  });
});
