// The References page (#/references): every document and section the lab
// cites, each with one line in our own words, so a learner can look up any
// "Perkins & Johnson §4" or "RFC 2002 §3.8.2.2" the lab shows. An address
// like #/references/rfc-2002-4-2-3 scrolls to and marks that entry.

import { useEffect } from 'react';
import { anchorOf } from './citations';
import { REFERENCE_GROUPS, type DocumentEntry } from './reference-entries';
import './references.css';

function DocumentBlock({ doc, target }: { readonly doc: DocumentEntry; readonly target: string | null }) {
  const id = anchorOf({ doc: doc.key });
  return (
    <section className={`ref-doc${target === id ? ' ref-target' : ''}`} id={id} aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>{doc.name}</h3>
      <p className="ref-doc-title">{doc.title}</p>
      <p>{doc.summary}</p>
      {doc.sections.length === 0 ? null : (
        <dl className="ref-sections">
          {doc.sections.map((e) => {
            const sid = anchorOf({ doc: doc.key, section: e.section });
            return (
              <div key={e.section} id={sid} className={target === sid ? 'ref-target' : undefined}>
                <dt>{`${doc.name} ${/^\d/.test(e.section) ? `§${e.section.replace('–', '–§')}` : `App. ${e.section}`}`}</dt>
                <dd>{e.summary}</dd>
              </div>
            );
          })}
        </dl>
      )}
    </section>
  );
}

export function ReferencesPage({ target }: { readonly target: string | null }) {
  useEffect(() => {
    if (target === null) return;
    document.getElementById(target)?.scrollIntoView({ block: 'center' });
  }, [target]);
  return (
    <div className="app references-page">
      <header className="app-header">
        <h1>References</h1>
        <p className="tagline">
          Every reason the lab gives names the section of the paper, RFC or Internet-Draft it follows. Here is each
          cited section, in one line. <a href="#/">Back to the lab</a>
        </p>
      </header>
      <main>
        {REFERENCE_GROUPS.map((g) => (
          <section key={g.heading} className="ref-group" aria-label={g.heading}>
            <h2>{g.heading}</h2>
            {g.documents.map((d) => <DocumentBlock key={d.key} doc={d} target={target} />)}
          </section>
        ))}
      </main>
    </div>
  );
}
