import { useRef, type KeyboardEvent } from 'react';
import { setTab, useUi, type Tab } from '../stores/ui';

export const TABS: { id: Tab; label: string; key: string }[] = [
  { id: 'consent', label: 'Consent', key: '1' },
  { id: 'tokens', label: 'Tokens', key: '2' },
  { id: 'limits', label: 'Limits', key: '3' },
  { id: 'environment', label: 'Environment', key: '4' },
  { id: 'inspector', label: 'Inspector', key: '5' },
  { id: 'runner', label: 'Requests', key: '6' },
  { id: 'stores', label: 'Stores', key: '7' },
  { id: 'console', label: 'Console', key: '8' },
];

/** WAI-ARIA tabs: arrow keys move between them, and Ctrl/⌘+1…8 jumps from anywhere (App). */
export function Tabs() {
  const tab = useUi((s) => s.tab);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (delta === 0) return;
    const next = (index + delta + TABS.length) % TABS.length;
    const target = TABS[next];
    if (target === undefined) return;
    setTab(target.id);
    refs.current[next]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label="Workbench">
      {TABS.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          id={`tab-${t.id}`}
          type="button"
          role="tab"
          aria-selected={tab === t.id}
          aria-controls={`panel-${t.id}`}
          tabIndex={tab === t.id ? 0 : -1}
          className="tab"
          title={`Ctrl+${t.key}`}
          onClick={() => {
            setTab(t.id);
          }}
          onKeyDown={(e) => {
            onKey(e, i);
          }}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
