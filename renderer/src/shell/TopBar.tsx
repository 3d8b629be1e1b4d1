import { openDialog, setTheme, useUi, type Theme } from '../stores/ui';
import { DcSwitcher } from './DcSwitcher';

const THEMES: { id: Theme; label: string }[] = [
  { id: 'system', label: 'System' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

export function TopBar() {
  const theme = useUi((s) => s.theme);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          tb
        </span>
        <span className="brand-name">Tokenbench</span>
      </div>
      <DcSwitcher />
      <span className="spacer" />
      <button
        type="button"
        className="btn btn-ghost topbar-shortcuts"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => {
          openDialog({ kind: 'shortcuts' });
        }}
      >
        <kbd>?</kbd>
      </button>
      <label className="theme-picker">
        <span className="visually-hidden">Theme</span>
        <select
          className="input"
          value={theme}
          onChange={(e) => {
            setTheme(e.target.value as Theme);
          }}
        >
          {THEMES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label} theme
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
