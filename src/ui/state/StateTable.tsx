import { useId, type ReactNode } from 'react';
import { CitedText } from '../references/CitedText';

// One table of a node's state: a titled section citing the rule that governs
// it, the rows as the node holds them, and an explicit line when it is empty
// (an empty binding cache is a lesson too). A row that changed in the last
// ~2 s of virtual time is highlighted, and says so in words, not colour alone.

export interface Column<R> {
  readonly header: string;
  readonly cell: (row: R) => ReactNode;
  /** Detail left out of compact tables (the ~400 px side panel, presentation mode) unless asked for. */
  readonly secondary?: boolean;
}

export interface StateTableProps<R> {
  readonly title: string;
  /** The sections the table implements, e.g. "Perkins & Johnson §3; optim-08 §3.1". */
  readonly refText: string;
  readonly rows: readonly R[];
  readonly rowKey: (row: R) => string;
  readonly columns: readonly Column<R>[];
  readonly changed?: (row: R) => boolean;
  /** What an empty table means here. */
  readonly empty: string;
  readonly note?: ReactNode;
  readonly compact: boolean;
}

export function StateTable<R>({ title, refText, rows, rowKey, columns, changed, empty, note, compact }: StateTableProps<R>) {
  const headingId = useId();
  const shown = compact ? columns.filter((c) => c.secondary !== true) : columns;
  return (
    <section className="state-table" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {title} <span className="state-ref"><CitedText text={refText} /></span>
      </h3>
      {note === undefined ? null : <p className="state-note">{note}</p>}
      {rows.length === 0 ? (
        <p className="state-empty">{empty}</p>
      ) : (
        // Focusable, so a keyboard user can scroll a table wider than the panel (axe: scrollable-region-focusable).
        <div className="state-table-scroll" tabIndex={0} role="region" aria-label={`${title}, scrollable`}>
          <table aria-label={title}>
            <thead>
              <tr>
                {shown.map((c) => <th key={c.header} scope="col">{c.header}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const isNew = changed?.(row) === true;
                return (
                  <tr key={rowKey(row)} className={isNew ? 'state-row-changed' : undefined} data-changed={isNew ? 'true' : undefined}>
                    {shown.map((c, i) => (
                      <td key={c.header}>
                        {c.cell(row)}
                        {isNew && i === 0 ? <span className="state-changed-badge"> changed</span> : null}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
