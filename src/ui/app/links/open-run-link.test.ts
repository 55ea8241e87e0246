// @vitest-environment happy-dom
// Opening the run a page address names, with the real runtime in the page.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLab } from '../../store/lab-store';
import { resetLabStore } from '../../test-support/component-test';
import { openRunFromAddress } from './open-run-link';
import { readRunAddress } from './run-address';
import { dismissRunNotice, useRunNotice } from './run-notice';
import { encodeRunState } from './run-state-codec';

afterEach(() => {
  useLab.getState().runtime?.destroy();
  resetLabStore();
  dismissRunNotice();
});

const move = (at: number, node: string, x: number) => ({ at, command: { type: 'move' as const, node, position: { x, y: 450 } } });

async function open(search: string, hash = ''): Promise<void> {
  await openRunFromAddress(readRunAddress(search, hash), 'explore');
  await vi.waitFor(() => expect(useLab.getState().status).not.toBe('loading'));
}

describe('opening the run an address names', () => {
  it('replays the good entries to the link\'s time, at its speed, and names the one it left out', async () => {
    const run = encodeRunState({ at: 4_000_000, speed: 4, commands: [move(1_000_000, 'MN', 700), move(2_000_000, 'Nobody', 700), move(3_000_000, 'MN', 790)] });
    await open('?scenario=explore&seed=3&mode=in-page', `#run=${run}`);
    await vi.waitFor(() => expect(useLab.getState().now).toBe(4_000_000));
    const s = useLab.getState();
    expect(s.runtime?.seed).toBe(3);
    expect(s.speed).toBe(4);
    expect(s.status).toBe('paused');
    expect(s.commands.map((c) => c.at)).toEqual([1_000_000, 3_000_000]);
    expect(s.loadError).toMatch(/^Parts of the link were not used:\n {2}• command log entry 2 \(at 2\.000 s\) was left out: unknown node "Nobody"/);
    expect(useRunNotice.getState().notice).toMatchObject({ kind: 'shared', at: 4_000_000, actions: 2, playing: false });
  });

  it('plays on when the link says the run was playing', async () => {
    await open('?scenario=explore&mode=in-page', `#run=${encodeRunState({ at: 1_000_000, playing: true, commands: [] })}`);
    await vi.waitFor(() => expect(useLab.getState().status).toBe('playing'));
    expect(useLab.getState().now).toBeGreaterThanOrEqual(1_000_000);
  });

  it('opens a working lab from a link it cannot read, and says why', async () => {
    await open('?scenario=explore&mode=in-page', '#run=not*base64');
    expect(useLab.getState().scenarioId).toBe('explore');
    expect(useLab.getState().loadError).toContain('the run in the link is damaged — it is not base64url: character 4 ("*") is not base64url; the scenario opens from its start');
    expect(useRunNotice.getState().notice).toBeNull();
  });

  it('asks for a learner\'s file again when this tab does not keep it', async () => {
    await open('?file=mine.json&seed=2&mode=in-page', `#run=${encodeRunState({ at: 1_000_000, commands: [] })}`);
    expect(useLab.getState().scenarioId).toBe('explore');
    expect(useLab.getState().runtime?.seed).toBe(useLab.getState().scenario?.seed); // the file's seed was the file's
    expect(useLab.getState().loadError).toContain('the scenario file "mine.json" is kept only in the browser tab that opened it; open it again with "Open scenario file…"; "explore" is opened instead');
  });
});
