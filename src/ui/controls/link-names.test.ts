import { describe, expect, it } from 'vitest';
import type { LinkSpec, Topology } from '../../engine/network/topology';
import { loadBuiltin } from '../../scenarios/builtin/index';
import { linkTitles } from './link-names';

const wire = (id: string) => ({ id, kind: 'point-to-point', delay: 1000 }) as LinkSpec;
const node = (id: string, links: readonly string[]) => ({ id, interfaces: links.map((link, k) => ({ name: `i${k}`, address: `10.0.0.${k + 1}`, prefixLength: 24, link })) });

describe('the names the page gives links', () => {
  it('uses the scenario\'s label, and names an unlabelled cable by the nodes it joins — never by the file\'s id', () => {
    const titles = linkTitles(loadBuiltin('route-optimization').topology);
    expect(titles.get('cell1')).toBe('FA1 cell 192.168.2.0/24');
    expect(titles.get('ha-r')).toBe('link HA – R');
    expect(titles.get('fa1-r')).toBe('link FA1 – R');
    expect(titles.size).toBe(7);
    for (const [id, title] of titles) expect(title === id || (id !== 'home' && title.includes(id))).toBe(false); // "home" is also a word of its label
  });

  it('numbers two links that would read the same, and says so when a link joins no node', () => {
    const topology = {
      nodes: [node('A', ['x', 'y']), node('B', ['x', 'y'])],
      links: [wire('x'), wire('y'), wire('z')],
    } as unknown as Topology;
    expect([...linkTitles(topology).values()]).toEqual(['link A – B (1)', 'link A – B (2)', 'a link joining no node']);
  });
});
