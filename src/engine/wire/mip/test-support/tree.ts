// Looking things up in a dissection tree, for assertions.

import type { FieldNode } from '../../dissection';

/** The first node (depth-first) whose name is `name`; throws if there is none, so a test fails loudly. */
export function findNode(root: FieldNode, name: string | RegExp): FieldNode {
  const found = findAll(root, name)[0];
  if (found === undefined) throw new Error(`no node named ${String(name)} under ${root.name}`);
  return found;
}

/** The first node (depth-first) whose name is `name`, or undefined: for assertions on a node that may be absent. */
export function findFirst(root: FieldNode, name: string | RegExp): FieldNode | undefined {
  return findAll(root, name)[0];
}

export function findAll(root: FieldNode, name: string | RegExp): FieldNode[] {
  const hit = typeof name === 'string' ? root.name === name : name.test(root.name);
  return [...(hit ? [root] : []), ...(root.children ?? []).flatMap((c) => findAll(c, name))];
}
