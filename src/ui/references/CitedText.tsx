// Text that may cite the paper, an RFC or a draft ("… (Perkins & Johnson §4)"),
// with each cited section linked to its entry on the References page, and the
// entry's one-line summary as the link's title. The link opens in a new tab so
// the learner keeps their place in the running lab.

import { memo } from 'react';
import { anchorOf, splitCitations, type SectionCitation } from './citations';
import './references.css';
import { coveringEntry, documentEntry } from './reference-entries';

/** The entry a citation links to: its section (or the range entry holding it; for a range, its first section's), else its document. */
export function referenceTarget(c: SectionCitation): { href: string; summary: string } | undefined {
  const sections = c.section === undefined ? [] : [c.section, ...(c.range ?? []).slice(0, 1)];
  for (const section of sections) {
    const entry = coveringEntry(c.doc, section);
    if (entry !== undefined) return { href: `#/references/${anchorOf({ doc: c.doc, section: entry.section })}`, summary: entry.summary };
  }
  const doc = documentEntry(c.doc);
  return doc === undefined ? undefined : { href: `#/references/${anchorOf({ doc: c.doc })}`, summary: doc.summary };
}

export const CitedText = memo(function CitedText({ text }: { readonly text: string }) {
  const pieces = splitCitations(text);
  if (pieces.every((p) => p.cite === undefined)) return <>{text}</>;
  return (
    <>
      {pieces.map((p, i) => {
        const target = p.cite === undefined ? undefined : referenceTarget(p.cite);
        if (target === undefined) return p.text;
        return (
          <a key={i} className="cite-link" href={target.href} title={target.summary} target="_blank" rel="noopener">
            {p.text}
          </a>
        );
      })}
    </>
  );
});
