import type { BindingCache, BindingCacheEntry } from '../../engine/protocol/tables/binding-cache';
import { timeText } from '../controls/time-text';
import { Lifetime } from './Lifetime';
import { StateTable } from './StateTable';
import { changedIn, type TableView } from './table-view';

// A binding cache (Perkins & Johnson §3; optim-08 §3.1): home address →
// care-of address, from authenticated Binding Updates. A correspondent tunnels
// with it; a foreign agent keeps forwarding pointers for former visitors in it
// after a smooth handoff (Perkins & Johnson §4.1; optim-08 §8.1).

const ORIGIN: Readonly<Record<BindingCacheEntry['origin'], string>> = {
  'home-agent': "home agent's BU",
  'smooth-handoff': 'smooth handoff (Perkins & Johnson §4.1; optim-08 §8.1)',
};

export function BindingCacheTable({ cache, title, refText, empty, view }: {
  readonly cache: BindingCache;
  readonly title: string;
  readonly refText: string;
  readonly empty: string;
  readonly view: TableView;
}) {
  const rows = Object.keys(cache.entries).sort().map((k) => cache.entries[k]!);
  return (
    <StateTable
      title={title}
      refText={refText}
      rows={rows}
      rowKey={(e) => e.homeAddress}
      changed={(e) => changedIn(view, { table: 'binding cache', key: e.homeAddress })}
      note={`${rows.length} of ${cache.capacity} entries; the least recently used is replaced when full (lab choice, optim-08 §3.1).`}
      empty={empty}
      compact={view.compact}
      columns={[
        { header: 'Home address', cell: (e) => e.homeAddress },
        { header: 'Care-of address', cell: (e) => e.careOfAddress },
        { header: 'Lifetime', cell: (e) => <Lifetime expiresAt={e.expiresAt} grantedSeconds={e.lifetimeSeconds} /> },
        { header: 'From', cell: (e) => ORIGIN[e.origin], secondary: true },
        { header: 'SPI', cell: (e) => e.spi, secondary: true },
        { header: 'Home agent', cell: (e) => e.haAddress ?? 'unknown (lab choice, Perkins & Johnson §3.1)', secondary: true },
        { header: 'Tunnels allowed', cell: (e) => ['IP in IP', ...(e.allowMinimal ? ['minimal'] : []), ...(e.allowGre ? ['GRE'] : [])].join(', '), secondary: true },
        { header: 'Last used', cell: (e) => (e.lastUsedAt === null ? 'never' : timeText(e.lastUsedAt)), secondary: true },
        { header: 'Binding Request sent', cell: (e) => (e.bindingRequestSentAt === null ? 'never' : timeText(e.bindingRequestSentAt)), secondary: true },
      ]}
    />
  );
}
