import { Suspense, lazy, type ComponentType } from 'react';

// CitedText for views drawn with the first load (the canvas's route banner, the
// class question): the citation table (reference-entries.ts) is a large part of the
// References page and need not hold up the first paint, so these views show the
// text as it is while it arrives and link its citations once it has. If it cannot
// be fetched the text stays plain — the learner still reads every word.

function PlainText({ text }: { readonly text: string }) {
  return <>{text}</>;
}

type TextView = ComponentType<{ readonly text: string }>;

const Linked = lazy(() => import('./CitedText').then(
  (m): { default: TextView } => ({ default: m.CitedText }),
  (): { default: TextView } => ({ default: PlainText }),
));

export function CitedTextSoon({ text }: { readonly text: string }) {
  return (
    <Suspense fallback={<PlainText text={text} />}>
      <Linked text={text} />
    </Suspense>
  );
}
