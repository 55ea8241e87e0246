import { memo, useEffect, useRef, useState } from 'react';
import type { FieldNode } from '../../engine/wire/dissection';
import type { FieldPath } from './field-path';
import { CitedText } from '../references/CitedText';

interface Props {
  readonly root: FieldNode;
  readonly selected: FieldPath | null;
  readonly onSelect: (path: FieldPath) => void;
}

// The Wireshark-shaped middle pane: layers and fields as an ARIA tree. Every
// row names the field, shows its value and, where there is one, the spec
// section it comes from. A field selected from elsewhere (a byte picked in
// the hex view) opens its ancestors and scrolls into view.
export const DissectionTree = memo(function DissectionTree({ root, selected, onSelect }: Props) {
  return (
    <ul className="dissection-tree" role="tree" aria-label="Decoded packet">
      <TreeItem node={root} path="0" depth={0} selected={selected} onSelect={onSelect} />
    </ul>
  );
});

interface ItemProps extends Omit<Props, 'root'> {
  readonly node: FieldNode;
  readonly path: FieldPath;
  readonly depth: number;
}

function TreeItem({ node, path, depth, selected, onSelect }: ItemProps) {
  const hasChildren = (node.children?.length ?? 0) > 0;
  const isSelected = selected === path;
  const holdsSelection = selected !== null && selected.startsWith(`${path}.`);
  const [open, setOpen] = useState(() => depth < 3 || holdsSelection || node.children?.some((c) => c.warning) === true);
  // A field selected inside opens this item, each time the selection moves (the learner may close it again).
  // Adjusted while rendering, not in an effect: the tree is drawn once, already open.
  const [seenSelection, setSeenSelection] = useState(selected);
  if (selected !== seenSelection) {
    setSeenSelection(selected);
    if (holdsSelection) setOpen(true);
  }
  const rowRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (isSelected) rowRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [isSelected]);
  const range = node.length === 1 ? `byte ${node.offset}` : `bytes ${node.offset}–${node.offset + node.length - 1}`;
  return (
    <li role="treeitem" aria-selected={isSelected} aria-expanded={hasChildren ? open : undefined} aria-level={depth + 1} data-path={path}>
      <div
        ref={rowRef}
        className={`tree-row${isSelected ? ' selected' : ''}${node.warning ? ' has-warning' : ''}`}
        style={{ paddingLeft: `${depth * 1.1}rem` }}
      >
        {hasChildren ? (
          <button type="button" className="twisty" aria-label={`${open ? 'Collapse' : 'Expand'} ${node.name}`} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="twisty-spacer" aria-hidden="true" />
        )}
        <button type="button" className="field-button" onClick={() => onSelect(path)} title={range}>
          <span className="field-name">{node.name}</span>
          <span className="field-sep">: </span>
          <span className="field-value">{node.value}</span>
          <span className="sr-only">, {range}</span>
        </button>
        {/* Outside the button: its citation links are interactive too, and may not nest inside it (WCAG 4.1.2). */}
        {node.ref ? <span className="field-ref"> [<CitedText text={node.ref} />]</span> : null}
        {node.warning ? <span className="field-warning" role="note">⚠ {node.warning}</span> : null}
      </div>
      {hasChildren && open ? (
        <ul role="group">
          {node.children!.map((c, i) => (
            <TreeItem key={i} node={c} path={`${path}.${i}`} depth={depth + 1} selected={selected} onSelect={onSelect} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
