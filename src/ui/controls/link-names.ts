// What a learner calls a link: the scenario's own label when it gives one
// ("FA1 cell 192.168.2.0/24"), otherwise the nodes it joins ("link HA – R").
// A link's id is the scenario file's handle for it, never shown on the page.

import type { LinkSpec, Topology } from '../../engine/network/topology';

const KIND_WORDS: Readonly<Record<LinkSpec['kind'], string>> = { 'point-to-point': 'link', segment: 'LAN', radio: 'radio cell' };

/** The ids of the nodes with an interface on `link`, in alphabetical order (stable whatever the file's order). */
function nodesOn(link: LinkSpec, topology: Topology): string[] {
  return topology.nodes.filter((n) => n.interfaces.some((i) => i.link === link.id)).map((n) => n.id).sort((a, b) => a.localeCompare(b, 'en'));
}

function untitled(link: LinkSpec, topology: Topology): string {
  const ends = nodesOn(link, topology);
  if (link.kind === 'point-to-point' && ends.length === 2) return `link ${ends[0]} – ${ends[1]}`;
  if (link.kind === 'radio' && ends.length === 1) return `${ends[0]}'s radio cell`;
  if (ends.length === 0) return `a ${KIND_WORDS[link.kind]} joining no node`;
  return `${KIND_WORDS[link.kind]} of ${ends.join(', ')}`;
}

/**
 * Every link's name, by link id. Two links that would read the same (two
 * cables between the same routers) are numbered in the scenario's order, so
 * a picker never offers two identical choices.
 */
export function linkTitles(topology: Topology): ReadonlyMap<string, string> {
  const base = topology.links.map((l) => (l.label !== undefined && l.label.trim() !== '' ? l.label.trim() : untitled(l, topology)));
  const total = new Map<string, number>();
  for (const b of base) total.set(b, (total.get(b) ?? 0) + 1);
  const seen = new Map<string, number>();
  return new Map(topology.links.map((l, i) => {
    const b = base[i]!;
    if (total.get(b)! === 1) return [l.id, b] as const;
    const k = (seen.get(b) ?? 0) + 1;
    seen.set(b, k);
    return [l.id, `${b} (${k})`] as const;
  }));
}
