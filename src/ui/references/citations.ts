// Citations as the lab writes them — "Perkins & Johnson §3.3", "RFC 2002
// §4.2.2, §4", "optim-08 §4.3", "regkey-00 §5.5", "Perkins & Johnson §6–§8",
// "optim-08 App. A", "mipv6-07 §10.8" — found in any text, so that wherever the page shows a
// reason or a "produced by" line, each section can link to its entry on the
// References page. Pure functions, no React.

/** A document the lab cites, by the short name it is cited with. */
export type DocumentKey = string;

export interface SectionCitation {
  /** e.g. "rfc-2002" */
  readonly doc: DocumentKey;
  /** e.g. "4.2.2", "A", "6–8" (a range), or undefined for the document as a whole. */
  readonly section?: string;
  /** For a range, the sections in it: "6–8" → 6, 7, 8. */
  readonly range?: readonly string[];
}

const DOC = String.raw`Perkins & Johnson|RFC ?\d{3,4}|rfc ?\d{3,4}|optim-\d\d|regkey-\d\d|spectun-\d\d|mipv6-\d\d`;
const SECTION = String.raw`(?:§\d+(?:\.\d+)*(?:[–-]§?\d+(?:\.\d+)*)?|App\. [A-Z](?:\.\d+)*)`;
/** A document name, then optionally its sections: "RFC 2002 §4.2.2, §4". */
const CITATION = new RegExp(String.raw`\b(${DOC})((?:\s${SECTION})(?:,\s?${SECTION})*)?`, 'g');
const ONE_SECTION = new RegExp(SECTION, 'g');

/** "RFC 2002" → "rfc-2002"; "Perkins & Johnson" → "perkins-johnson"; "optim-08" stays. */
export function docKey(name: string): DocumentKey {
  const rfc = /^rfc ?(\d+)$/i.exec(name);
  if (rfc !== null) return `rfc-${rfc[1]}`;
  if (name === 'Perkins & Johnson') return 'perkins-johnson';
  return name.toLowerCase();
}

/** One "§…" token: "§3.3" → 3.3; "§6–§8" → the range 6–8 (6, 7, 8); "§3.5.2–3.5.4" → 3.5.2–3.5.4; "App. A" → A. */
export function sectionOf(token: string): { section: string; range?: string[] } | undefined {
  const app = /^App\. ([A-Z](?:\.\d+)*)$/.exec(token);
  if (app !== null) return { section: app[1]! };
  const m = /^§(\d+(?:\.\d+)*)(?:[–-]§?(\d+(?:\.\d+)*))?$/.exec(token);
  if (m === null) return undefined;
  const [from, to] = [m[1]!, m[2]];
  if (to === undefined) return { section: from };
  // Members of a range differ only in their last number: 6–8, or 3.5.2–3.5.4.
  const head = (s: string) => s.split('.').slice(0, -1).join('.');
  const last = (s: string) => Number(s.split('.').at(-1));
  const members = head(from) === head(to) && last(to) > last(from) && last(to) - last(from) < 20
    ? Array.from({ length: last(to) - last(from) + 1 }, (_, k) => [head(from), String(last(from) + k)].filter((p) => p !== '').join('.'))
    : [from, to];
  return { section: `${from}–${to}`, range: members };
}

/** Every section cited in `text`, one per "§…" token (a document cited without a section counts as the document). */
export function citationsIn(text: string): SectionCitation[] {
  const out: SectionCitation[] = [];
  for (const m of text.matchAll(CITATION)) {
    const doc = docKey(m[1]!);
    const tokens = m[2] === undefined ? [] : [...m[2].matchAll(ONE_SECTION)].map((t) => t[0]);
    if (tokens.length === 0) out.push({ doc });
    for (const t of tokens) {
      const s = sectionOf(t);
      if (s !== undefined) out.push({ doc, ...s });
    }
  }
  return out;
}

/** The References page's id for a document or one of its sections: "rfc-2002-4-2-3". */
export function anchorOf(c: SectionCitation): string {
  return c.section === undefined ? c.doc : `${c.doc}-${c.section.replace(/[.–]/g, '-').toLowerCase()}`;
}

/** A piece of text: plain, or a citation of one section (or document) to link. */
export type CitedPiece = { readonly text: string; readonly cite?: SectionCitation };

/**
 * Splits text into plain pieces and citation pieces, one per section token:
 * "RFC 2002 §4.2.2, §4" → "RFC 2002 §4.2.2" (→ 4.2.2), ", ", "§4" (→ 4).
 */
export function splitCitations(text: string): CitedPiece[] {
  const out: CitedPiece[] = [];
  let at = 0;
  for (const m of text.matchAll(CITATION)) {
    const start = m.index;
    if (start > at) out.push({ text: text.slice(at, start) });
    const doc = docKey(m[1]!);
    const tail = m[2] ?? '';
    const tokens = [...tail.matchAll(ONE_SECTION)];
    if (tokens.length === 0) {
      out.push({ text: m[0], cite: { doc } });
    } else {
      const tailStart = start + m[1]!.length;
      let cursor = start;
      tokens.forEach((t, k) => {
        const tStart = tailStart + t.index;
        const tEnd = tStart + t[0].length;
        // The first token carries the document name with it: "RFC 2002 §4.2.2".
        const pieceStart = k === 0 ? start : tStart;
        if (pieceStart > cursor) out.push({ text: text.slice(cursor, pieceStart) });
        const s = sectionOf(t[0]);
        out.push({ text: text.slice(pieceStart, tEnd), cite: s === undefined ? { doc } : { doc, ...s } });
        cursor = tEnd;
      });
    }
    at = start + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}
