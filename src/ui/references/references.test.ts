import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin';
import { runFixture } from '../test-support/lab-fixture';
import { anchorOf, citationsIn, splitCitations, type SectionCitation } from './citations';
import { referenceTarget } from './CitedText';
import { learnerStrings, leaksIn, withoutComments } from './learner-text';
import { coveringEntry, documentEntry, REFERENCE_GROUPS, sectionEntry } from './reference-entries';

const ROOT = join(__dirname, '..', '..', '..');

/** Every non-test source file under `dir` (ts, tsx, json). */
function sources(dir: string, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out; // a folder another change has not created yet
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'test-support' && name !== 'node_modules') sources(path, out);
    } else if (/\.(tsx?|json)$/.test(name) && !/\.test\.tsx?$/.test(name)) {
      out.push(path);
    }
  }
  return out;
}

function hasEntry(c: SectionCitation): boolean {
  if (c.section === undefined) return documentEntry(c.doc) !== undefined;
  return coveringEntry(c.doc, c.section) !== undefined || (c.range?.every((s) => coveringEntry(c.doc, s) !== undefined) ?? false);
}

describe('citations in text', () => {
  it('finds each cited section, carrying the document over commas and through ranges', () => {
    expect(citationsIn('RFC 2002 §4.2.2, §4; RFC 2003')).toEqual([
      { doc: 'rfc-2002', section: '4.2.2' },
      { doc: 'rfc-2002', section: '4' },
      { doc: 'rfc-2003' },
    ]);
    expect(citationsIn('lab choice, Perkins & Johnson §6–§8; optim-08 App. A; regkey-00 §5.5')).toEqual([
      { doc: 'perkins-johnson', section: '6–8', range: ['6', '7', '8'] },
      { doc: 'optim-08', section: 'A' },
      { doc: 'regkey-00', section: '5.5' },
    ]);
    expect(citationsIn('RFC 2002 §3.5.2–3.5.4')).toEqual([{ doc: 'rfc-2002', section: '3.5.2–3.5.4', range: ['3.5.2', '3.5.3', '3.5.4'] }]);
    expect(citationsIn('lab link model: delay, loss, bandwidth')).toEqual([]);
  });

  it('splits text into plain pieces and one linkable piece per section', () => {
    expect(splitCitations('tunnelled (triangle routing, RFC 2002 §4.2.3, §4)').map((p) => [p.text, p.cite?.section ?? null])).toEqual([
      ['tunnelled (triangle routing, ', null],
      ['RFC 2002 §4.2.3', '4.2.3'],
      [', ', null],
      ['§4', '4'],
      [')', null],
    ]);
    expect(splitCitations('no citation here')).toEqual([{ text: 'no citation here' }]);
  });

  it('links a section to its entry, a range to its own entry, and an unlisted section to its document', () => {
    expect(anchorOf({ doc: 'rfc-2002', section: '4.2.3' })).toBe('rfc-2002-4-2-3');
    expect(referenceTarget({ doc: 'perkins-johnson', section: '4' })?.href).toBe('#/references/perkins-johnson-4');
    expect(referenceTarget({ doc: 'perkins-johnson', section: '6–8', range: ['6', '7', '8'] })?.href).toBe('#/references/perkins-johnson-6-8');
    expect(referenceTarget({ doc: 'perkins-johnson', section: '7' })?.href).toBe('#/references/perkins-johnson-6-8');
    expect(referenceTarget({ doc: 'rfc-768', section: '99' })?.href).toBe('#/references/rfc-768');
    expect(referenceTarget({ doc: 'rfc-9999' })).toBeUndefined();
  });
});

describe('the References page', () => {
  it('has an entry for every section the lab cites, in its code, trace texts and scenarios', () => {
    const missing = new Set<string>();
    for (const dir of ['src/engine', 'src/runtime', 'src/scenarios', 'src/lessons', 'src/ui']) {
      for (const file of sources(join(ROOT, dir))) {
        // Comments may cite what a maintainer needs; everything else can reach a learner.
        const text = file.endsWith('.json') ? readFileSync(file, 'utf8') : withoutComments(readFileSync(file, 'utf8'));
        for (const c of citationsIn(text)) if (!hasEntry(c)) missing.add(`${c.doc} ${c.section ?? ''} (${file.slice(ROOT.length + 1)})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('lists the paper’s sections §2 to §10 and gives every entry one line of its own', () => {
    for (const s of ['2', '3', '3.1', '3.3', '4', '4.1', '5', '6–8', '9', '10']) expect(sectionEntry('perkins-johnson', s), s).toBeDefined();
    const summaries = REFERENCE_GROUPS.flatMap((g) => g.documents.flatMap((d) => [d.summary, ...d.sections.map((e) => e.summary)]));
    for (const s of summaries) {
      expect(s.length).toBeGreaterThan(10);
      expect(s).not.toMatch(/\n/);
      expect(leaksIn(s)).toEqual([]);
    }
  });
});

describe('learner-facing language', () => {
  it('the UI’s own strings name no file, internal choice id, interface or canvas coordinates', () => {
    const leaks: string[] = [];
    for (const file of sources(join(ROOT, 'src/ui')).filter((f) => !f.endsWith('.json'))) {
      for (const s of learnerStrings(readFileSync(file, 'utf8'))) {
        for (const l of leaksIn(s)) leaks.push(`${file.slice(ROOT.length + 1)}: ${l.kind} "${l.text}" in ${JSON.stringify(s.slice(0, 80))}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('what a run puts in its trace (summaries, reasons, refs) and what scenarios say does not either', () => {
    const leaks = new Set<string>();
    const check = (where: string, text: string): void => {
      for (const l of leaksIn(text)) leaks.add(`${where}: ${l.kind} "${l.text}" in ${JSON.stringify(text.slice(0, 100))}`);
    };
    // A mobile node dragged out of every cell and back: the radio, the link model and the routing all speak.
    const run = runFixture('route-optimization', 9_000_000, [
      { at: 5_200_000, node: 'MN', position: { x: 540, y: 800 } },
      { at: 8_000_000, node: 'MN', position: { x: 540, y: 450 } },
    ]);
    for (const e of run.batch.trace) for (const t of [e.summary, e.reason ?? '', e.ref]) check(`${e.node} ${e.kind}`, t);
    // The same walk in IPv6 (Perkins & Johnson §10): Neighbor Discovery, the Mobility Header, AH and the tunnels speak too.
    const run6 = runFixture('ipv6-route-optimization', 9_000_000, [
      { at: 5_200_000, node: 'MN', position: { x: 540, y: 800 } },
      { at: 8_000_000, node: 'MN', position: { x: 780, y: 450 } },
    ]);
    expect(run6.batch.trace.some((e) => e.summary.includes('Binding Update'))).toBe(true);
    for (const e of run6.batch.trace) for (const t of [e.summary, e.reason ?? '', e.ref]) check(`${e.node} ${e.kind}`, t);
    for (const { id, data } of BUILTIN_SCENARIOS) {
      const d = data as { title?: string; description?: string };
      check(id, `${d.title ?? ''} ${d.description ?? ''}`);
    }
    expect([...leaks]).toEqual([]);
  });
});
