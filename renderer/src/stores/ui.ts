import { create } from 'zustand';
import type { UiError } from '../api';

export type Theme = 'system' | 'light' | 'dark';
export type Tab = 'consent' | 'tokens' | 'limits' | 'environment' | 'inspector' | 'runner';

export interface Toast {
  readonly id: number;
  readonly kind: 'ok' | 'error' | 'info';
  readonly title: string;
  readonly body?: string;
}

interface UiState {
  readonly theme: Theme;
  readonly tab: Tab;
  readonly toasts: readonly Toast[];
  /** The modal in front, if any. */
  readonly dialog:
    { readonly kind: 'client'; readonly clientId: string | null } | { readonly kind: 'import-env' } | null;
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
}));

/** The theme is a preference, not a secret, so localStorage is fine for it. */
export function setTheme(theme: Theme): void {
  localStorage.setItem(THEME_KEY, theme);
  useUi.setState({ theme });
}

export function setTab(tab: Tab): void {
  useUi.setState({ tab });
}

export function openDialog(dialog: UiState['dialog']): void {
  useUi.setState({ dialog });
}

let nextToast = 1;
export function toast(kind: Toast['kind'], title: string, body?: string): void {
  const id = nextToast++;
  useUi.setState((s) => ({
    toasts: [...s.toasts.slice(-3), { id, kind, title, ...(body === undefined ? {} : { body }) }],
  }));
  setTimeout(
    () => {
      useUi.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
    kind === 'error' ? 9000 : 4500,
  );
}

export function toastError(error: UiError): void {
  const words = error.code.replace(/_/g, ' ');
  toast('error', words.charAt(0).toUpperCase() + words.slice(1), error.message);
}
