import { useEffect } from 'react';
import { useUi, type Theme } from '../stores/ui';

const DARK_QUERY = '(prefers-color-scheme: dark)';

const paletteFor = (theme: Theme): 'dark' | 'light' =>
  theme === 'dark' || (theme === 'system' && matchMedia(DARK_QUERY).matches) ? 'dark' : 'light';

/**
 * The palette before the first render: nothing is painted yet, so there is no transition to hold
 * back, and the first frame is already in the user's colours instead of flashing light first.
 */
export function applyThemeAtStart(): void {
  document.documentElement.dataset.theme = paletteFor(useUi.getState().theme);
}

/**
 * Applies the chosen theme to <html data-theme>, following the OS while the choice is "system".
 * The switch is instant: buttons and rows have colour transitions for hover, and without the
 * `theme-switching` class they would fade between palettes for 120 ms, half-light and half-dark,
 * which looks broken and fails contrast checks taken in that moment.
 */
export function useTheme(): void {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    const apply = () => {
      const palette = paletteFor(theme);
      const root = document.documentElement;
      if (root.dataset.theme === palette) return;
      root.classList.add('theme-switching');
      root.dataset.theme = palette;
      // A forced layout makes the browser settle the new colours before transitions return.
      root.getBoundingClientRect();
      requestAnimationFrame(() => {
        root.classList.remove('theme-switching');
      });
    };
    apply();
    if (theme !== 'system') return;
    const query = matchMedia(DARK_QUERY);
    query.addEventListener('change', apply);
    return () => {
      query.removeEventListener('change', apply);
    };
  }, [theme]);
}
