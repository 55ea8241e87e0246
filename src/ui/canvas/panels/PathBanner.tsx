// The current CN → MN route in words ("5 hops, 22.0 ms via HA … triangle
// routing" vs "3 hops, 6.0 ms, tunnelled by CN directly … route
// optimization"), in a polite live region so a screen-reader user hears the
// route change when a Binding Update takes effect.

import { memo } from 'react';
import { timeText } from '../../controls/time-text';
import { useLab } from '../../store/lab-store';
import type { PathKind } from '../model/current-path';
import type { PathWatcher } from '../model/path-watcher';

const KIND_TITLE: Readonly<Record<PathKind, string>> = {
  triangle: 'Triangle routing',
  'route-optimization': 'Route optimization',
  'at-home': 'At home',
  direct: 'Direct',
  other: 'Tunnelled',
};

export const PathBanner = memo(function PathBanner({ watcher }: { readonly watcher: PathWatcher }) {
  // Strings, not the path object: re-render only when the wording changes, not on every delivery.
  const label = useLab((s) => watcher.current(s.trace, s.selectedNode)?.label ?? null);
  const kind = useLab((s) => watcher.current(s.trace, s.selectedNode)?.kind ?? null);
  const deliveredAt = useLab((s) => watcher.current(s.trace, s.selectedNode)?.deliveredAt ?? null);
  return (
    <div className={`canvas-path-banner${kind === null ? '' : ` canvas-path-banner--${kind}`}`}>
      <p className="canvas-path-text" role="status" aria-live="polite" aria-atomic="true" data-path-kind={kind ?? 'none'}>
        {label === null ? 'No data has reached a mobile node yet.' : (
          <>
            <strong>{KIND_TITLE[kind!]}:</strong> {label}
          </>
        )}
      </p>
      {/* Outside the live region: it changes with every datagram, the route only now and then. */}
      {deliveredAt === null ? null : <p className="canvas-path-when">Last datagram to the mobile node delivered at {timeText(deliveredAt)}.</p>}
    </div>
  );
});
