import { useEffect } from 'react';
import { useUi } from '../stores/ui';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * Applies the chosen theme to <html data-theme>, following the OS while the choice is "system".
 * The switch is instant: buttons and rows have colour transitions for hover, and without the
 * `theme-switching` class they would fade between palettes for 120 ms, half-light and half-dark,
 * which looks broken and fails contrast checks taken in that moment.
 */
export function useTheme(): void {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    const query = matchMedia(DARK_QUERY);
    const apply = () => {
      const dark = theme === 'dark' || (theme === 'system' && query.matches);
      const root = document.documentElement;
      if (root.dataset.theme === (dark ? 'dark' : 'light')) return;
      root.classList.add('theme-switching');
      root.dataset.theme = dark ? 'dark' : 'light';
      // A forced layout makes the browser settle the new colours before transitions return.
      root.getBoundingClientRect();
      requestAnimationFrame(() => {
        root.classList.remove('theme-switching');
      });
    };
    apply();
    if (theme !== 'system') return;
    query.addEventListener('change', apply);
    return () => {
      query.removeEventListener('change', apply);
    };
  }, [theme]);
}
