import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

// WAI-ARIA tabs (automatic activation): arrow keys move between tabs, Home/End
// jump, only the active tab is in the tab order. A panel mounts when its tab is first
// opened — a tab never opened costs the first load nothing, not even its code
// (lazy-view.tsx) — and then stays mounted but hidden, so it keeps its scroll
// position and filters when the learner switches.

export interface TabSpec {
  readonly id: string;
  readonly label: string;
  readonly content: ReactNode;
}

export function Tabs({ label, tabs, className }: { readonly label: string; readonly tabs: readonly TabSpec[]; readonly className?: string }) {
  const [active, setActive] = useState(tabs[0]?.id ?? '');
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([active]));
  if (!opened.has(active)) setOpened(new Set([...opened, active]));
  const base = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const focusTab = (index: number): void => {
    const i = (index + tabs.length) % tabs.length;
    setActive(tabs[i]!.id);
    buttons.current[i]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent, index: number): void => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    focusTab(target);
  };

  return (
    <div className={`tabs ${className ?? ''}`}>
      <div role="tablist" aria-label={label} className="tab-list">
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => { buttons.current[i] = el; }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={active === tab.id}
            aria-controls={`${base}-panel-${tab.id}`}
            tabIndex={active === tab.id ? 0 : -1}
            className="tab"
            onClick={() => setActive(tab.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${base}-panel-${tab.id}`}
          aria-labelledby={`${base}-tab-${tab.id}`}
          hidden={active !== tab.id}
          className="tab-panel"
        >
          {opened.has(tab.id) ? tab.content : null}
        </div>
      ))}
    </div>
  );
}
