// The home agent's record of which nodes it told a mobile node's binding
// (Perkins & Johnson §3.3, §4.2; OC-45, revised).
//
// Theory of operation. Each Binding Update the home agent sends that gives a
// real care-of address puts its destination on the mobile node's list; a
// delete Binding Update (care-of address = home address, Lifetime 0) takes
// it off. When the mobile node comes home and deregisters, everyone still on
// the list holds a binding that now points into an empty cell: the home
// agent sends each a delete Binding Update (rate-limited like every other),
// so none keeps tunnelling there for the rest of its binding's lifetime.

import type { Ipv4Address } from '../../wire/address';
import { compareText, entryAt, withEntry, withoutEntry, type Keyed, type TableChange, type TableUpdate } from './table-change';

export interface InformedCorrespondents {
  /** Per mobile node home address: the nodes told its binding, in address-text order. */
  readonly informed: Keyed<readonly Ipv4Address[]>;
}

export const EMPTY_INFORMED_CORRESPONDENTS: InformedCorrespondents = { informed: {} };

const REF = 'Perkins & Johnson §3.3, §4.2; lab choice';

/** The nodes that hold (as far as the home agent knows) a binding of `homeAddress`. */
export function informedAbout(table: InformedCorrespondents, homeAddress: Ipv4Address): readonly Ipv4Address[] {
  return entryAt(table.informed, homeAddress) ?? [];
}

/** After a BU about `homeAddress` went to `node`: on the list if it gave a binding, off it if it deleted one. */
export function recordBindingUpdateSent(table: InformedCorrespondents, homeAddress: Ipv4Address, node: Ipv4Address, deletes: boolean): TableUpdate<InformedCorrespondents, readonly Ipv4Address[]> {
  const before = informedAbout(table, homeAddress);
  const listed = before.includes(node);
  if (listed !== deletes) return { table, changes: [] };
  const after = deletes ? before.filter((n) => n !== node) : [...before, node].sort(compareText);
  const informed = after.length === 0 ? withoutEntry(table.informed, homeAddress) : withEntry(table.informed, homeAddress, after);
  const kind = before.length === 0 ? 'added' : after.length === 0 ? 'removed' : 'updated';
  const change: TableChange<readonly Ipv4Address[]> = {
    kind, key: homeAddress, ...(before.length === 0 ? {} : { before }), ...(after.length === 0 ? {} : { after }), ref: REF,
    reason: deletes ? `${node} was told to delete the binding of ${homeAddress}` : `${node} now holds a binding of ${homeAddress}: it is told when the mobile node comes home`,
  };
  return { table: { informed }, changes: [change] };
}
