import { create } from 'zustand';
import type { UiError } from '../api';

export type Theme = 'system' | 'light' | 'dark';
export type Tab =
  'consent' | 'tokens' | 'limits' | 'environment' | 'inspector' | 'runner' | 'stores' | 'console';

export interface Toast {
  readonly id: number;
  readonly kind: 'ok' | 'error' | 'info';
  readonly title: string;
  readonly body?: string;
  /** How many times this same notice came in a row (three copies say "×3" once, not three times). */
  readonly repeats: number;
}

interface UiState {
  readonly theme: Theme;
  readonly tab: Tab;
  readonly toasts: readonly Toast[];
  /** The modal in front, if any. */
  readonly dialog:
    | { readonly kind: 'client'; readonly clientId: string | null }
    | { readonly kind: 'import-env' }
    | { readonly kind: 'shortcuts' }
    | { readonly kind: 'add-store' }
    | null;
  /** An error card's "Show the exchange": the Console opens this recorded exchange. */
  readonly exchangeToShow: number | null;
}

const THEME_KEY = 'tokenbench.theme';
const storedTheme = (): Theme => {
  const value = localStorage.getItem(THEME_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
};

export const useUi = create<UiState>(() => ({
  theme: storedTheme(),
  tab: 'consent',
  toasts: [],
  dialog: null,
  exchangeToShow: null,
}));

/** The theme is a preference, not a secret, so localStorage is fine for it. */
export function setTheme(theme: Theme): void {
  localStorage.setItem(THEME_KEY, theme);
  useUi.setState({ theme });
}

export function setTab(tab: Tab): void {
  useUi.setState({ tab });
}

/** The Console tab, with the exchange behind a failure open (issue 10 part 5). */
export function showExchange(id: number): void {
  useUi.setState({ tab: 'console', exchangeToShow: id });
}

export function openDialog(dialog: UiState['dialog']): void {
  useUi.setState({ dialog });
}

/** At most this many notices at once: they are passing news, and must not wall off the page. */
const MAX_TOASTS = 2;
let nextToast = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

/**
 * A passing notice. The same notice again replaces the one shown (and counts), instead of stacking
 * a copy over the page; errors stay longer; each can be dismissed.
 */
export function toast(kind: Toast['kind'], title: string, body?: string): void {
  const id = nextToast++;
  useUi.setState((s) => {
    const same = s.toasts.find((t) => t.kind === kind && t.title === title);
    if (same !== undefined) forget(same.id);
    const others = s.toasts.filter((t) => t !== same);
    for (const old of others.slice(0, Math.max(0, others.length - (MAX_TOASTS - 1)))) forget(old.id);
    const next: Toast = {
      id,
      kind,
      title,
      repeats: (same?.repeats ?? 0) + 1,
      ...(body === undefined ? {} : { body }),
    };
    return { toasts: [...others.slice(-(MAX_TOASTS - 1)), next] };
  });
  timers.set(
    id,
    setTimeout(
      () => {
        dismissToast(id);
      },
      kind === 'error' ? 9000 : 4500,
    ),
  );
}

export function dismissToast(id: number): void {
  forget(id);
  useUi.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

function forget(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
}

export function toastError(error: UiError): void {
  const words = error.code.replace(/_/g, ' ');
  toast('error', words.charAt(0).toUpperCase() + words.slice(1), error.message);
}
