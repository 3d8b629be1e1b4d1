import { useEffect, useEffectEvent } from 'react';

/**
 * Ctrl+Enter (⌘+Enter on macOS) runs the panel's main action from anywhere on the page, as in
 * Postman. Only the visible panel registers it, so one key has one meaning at a time.
 */
export function useModEnter(action: () => void, enabled = true): void {
  const run = useEffectEvent(action);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (document.querySelector('dialog[open]') !== null) return;
      e.preventDefault();
      run();
    };
    addEventListener('keydown', onKey);
    return () => {
      removeEventListener('keydown', onKey);
    };
  }, [enabled]);
}

export const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
