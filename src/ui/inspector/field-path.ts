import type { FieldNode } from '../../engine/wire/dissection';

// A field is identified by its path of child indexes from the root ("0.3.1"),
// which stays stable for one dissection and is cheap to compare.
export type FieldPath = string;

export interface FlatField {
  readonly path: FieldPath;
  readonly node: FieldNode;
  readonly depth: number;
}

export function flatten(root: FieldNode, path: FieldPath = '0', depth = 0, out: FlatField[] = []): FlatField[] {
  out.push({ path, node: root, depth });
  root.children?.forEach((c, i) => flatten(c, `${path}.${i}`, depth + 1, out));
  return out;
}

/**
 * The most specific field whose byte range contains `offset`: the shortest
 * range, and among equals the deepest (a flag inside its flags octet).
 */
export function deepestFieldAt(fields: readonly FlatField[], offset: number): FlatField | undefined {
  let best: FlatField | undefined;
  for (const f of fields) {
    const { node } = f;
    if (offset >= node.offset && offset < node.offset + node.length && node.length > 0) {
      if (best === undefined || node.length < best.node.length || (node.length === best.node.length && f.depth > best.depth)) best = f;
    }
  }
  return best;
}
