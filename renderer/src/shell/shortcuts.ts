import { MOD } from '../features/consent/use-mod-enter';

/**
 * Every keyboard shortcut, as the `?` list shows them. The handlers live where they act (App, the
 * panels, the timeline); this is the one list a user reads. None is a browser's own: browser mode
 * runs in a tab, where Ctrl+Shift+N, Ctrl+T or Ctrl+W never reach the page.
 */
export interface Shortcut {
  /** Alternatives, each a combination pressed together: [['↑'], ['↓']], [['Ctrl', 'Enter']]. */
  readonly keys: readonly (readonly string[])[];
  readonly does: string;
}

export interface ShortcutGroup {
  readonly where: string;
  readonly shortcuts: readonly Shortcut[];
}

export const SHORTCUTS: readonly ShortcutGroup[] = [
  {
    where: 'Anywhere',
    shortcuts: [
      { keys: [['?']], does: 'Show these shortcuts' },
      { keys: [[MOD, '1…8']], does: 'Switch to the tab of that number' },
      { keys: [['N']], does: 'Add a client' },
      { keys: [['Esc']], does: 'Close the dialog in front' },
    ],
  },
  {
    where: 'Consent and Requests',
    shortcuts: [
      { keys: [[MOD, 'Enter']], does: 'Open the browser, exchange the pasted code, or send the request' },
    ],
  },
  {
    where: 'Token timeline (focused)',
    shortcuts: [
      { keys: [['↑'], ['↓']], does: 'Previous or next refresh token' },
      { keys: [['←'], ['→']], does: 'Previous or next access token in the lane' },
      { keys: [['Home'], ['End']], does: 'First or last item of the lane' },
      { keys: [['Enter']], does: 'Select it (refresh, revoke or inspect below)' },
      { keys: [['Esc']], does: 'Clear the selection' },
      { keys: [['+'], ['−']], does: 'Zoom in or out' },
    ],
  },
];

/** A key typed into a field is text, not a shortcut. */
export function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.closest('input, textarea, select, [contenteditable]') !== null)
  );
}
