// What the correspondent's traffic to the mobile node is doing now
// (route-now.ts): the route in words ("5 hops, 22.0 ms via HA … triangle
// routing" vs "3 hops, 6.0 ms, tunnelled by CN directly … route
// optimization"), or — in red — that datagrams are being lost, where and why;
// never a healthy route to an agent the mobile node has left. The headline sits
// in a polite live region, so a screen-reader user hears the route change or
// the losses begin; the counts that change with every datagram sit outside it.

import { memo } from 'react';
import { timeText } from '../../controls/time-text';
import { CitedTextSoon as CitedText } from '../../references/CitedTextSoon';
import { useLabState } from '../../store/lab-store-context';
import type { PathKind } from '../model/current-path';
import type { PathWatcher } from '../model/path-watcher';
import type { RouteNow } from '../model/route-now';

const KIND_TITLE: Readonly<Record<PathKind, string>> = {
  triangle: 'Triangle routing',
  'route-optimization': 'Route optimization',
  'at-home': 'At home',
  direct: 'Direct',
  other: 'Tunnelled',
};

function Headline({ route }: { readonly route: RouteNow }) {
  switch (route.kind) {
    case 'none':
      return <>No datagram has reached a mobile node yet.</>;
    case 'route':
      return <><strong>{KIND_TITLE[route.path.kind]}:</strong> <CitedText text={route.path.label} /></>;
    case 'left':
      return (
        <>
          <strong>{`${route.path.mobile} has left ${route.agent}'s cell:`}</strong>{' '}
          {`no datagram has reached it since, and the route through ${route.agent} no longer leads to it.`}
        </>
      );
    case 'lost':
      return (
        <>
          <strong>{`Datagrams lost at ${route.where}:`}</strong> <CitedText text={route.why} />
          {route.cite === undefined ? null : <> (<CitedText text={route.cite} />)</>}
        </>
      );
  }
}

function Detail({ route }: { readonly route: RouteNow }) {
  switch (route.kind) {
    case 'none':
      return null;
    case 'route':
      return <>Last datagram to the mobile node delivered at {timeText(route.path.deliveredAt)}.</>;
    case 'left':
      return <>Last datagram delivered at {timeText(route.path.deliveredAt)}, through {route.agent}, before the move.</>;
    case 'lost': {
      const n = route.count === 1 ? '1 datagram' : `${route.count} datagrams`;
      const since = route.lastDelivered === undefined ? 'none delivered yet' : `the last one delivered arrived at ${timeText(route.lastDelivered)}`;
      return <>{[...route.notes, `${n} lost in a row since ${timeText(route.since)}; ${since}.`].join(' ')}</>;
    }
  }
}

/** The banner's colour: only a working route is ever drawn as one. */
function tone(route: RouteNow): string {
  if (route.kind === 'route') return route.path.kind;
  return route.kind;
}

export const PathBanner = memo(function PathBanner({ watcher }: { readonly watcher: PathWatcher }) {
  // The same object until the wording changes (path-watcher.ts), so this re-renders per datagram at most.
  const route = useLabState((s) => watcher.routeNow(s));
  const kind = route.kind === 'route' ? route.path.kind : route.kind;
  return (
    <div className={`canvas-path-banner canvas-path-banner--${tone(route)}`} data-route-state={route.kind}>
      <p className="canvas-path-text" role="status" aria-live="polite" aria-atomic="true" data-path-kind={kind}>
        <Headline route={route} />
      </p>
      <p className="canvas-path-when"><Detail route={route} /></p>
    </div>
  );
});
