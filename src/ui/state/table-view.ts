// What every table of the state panel needs besides its rows: the changes of
// the last ~2 s (to highlight rows) and whether to leave secondary columns out.

import type { TraceEvent } from '../../engine/node/contract';
import type { Identification } from '../../engine/wire/mip/identification';
import { identificationHex } from '../../engine/wire/mip/identification';
import { rowChanged, type RowMatch } from './recent-changes';

export interface TableView {
  readonly fresh: readonly TraceEvent[];
  /** Secondary columns left out: the default in a ~400 px panel, always in presentation mode. */
  readonly compact: boolean;
}

export function changedIn(view: TableView, match: RowMatch): boolean {
  return rowChanged(view.fresh, match);
}

/** Any change to the table as a whole (e.g. a forwarding table recomputed). */
export function tableChangedIn(view: TableView, table: string): boolean {
  return view.fresh.some((e) => e.summary.startsWith(`${table}:`));
}

export function idText(id: Identification | null | undefined): string {
  return id === null || id === undefined ? '—' : identificationHex(id);
}

export function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}
