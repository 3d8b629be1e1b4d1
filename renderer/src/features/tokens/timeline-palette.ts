/**
 * The canvas cannot use CSS variables, so it reads them at draw time: the same tokens as the rest of
 * the UI (styles/tokens.css), and dark mode follows without a second palette.
 */
export interface Palette {
  readonly surface: string;
  readonly surface2: string;
  readonly surface3: string;
  readonly border: string;
  readonly borderStrong: string;
  readonly text: string;
  readonly text2: string;
  readonly text3: string;
  readonly accent: string;
  readonly accentSoft: string;
  readonly ok: string;
  readonly okSoft: string;
  readonly warn: string;
  readonly warnSoft: string;
  readonly danger: string;
  readonly dangerSoft: string;
  readonly info: string;
  readonly evicted: string;
  readonly fontUi: string;
  readonly fontMono: string;
}

const VARIABLES: Record<keyof Palette, string> = {
  surface: '--surface',
  surface2: '--surface-2',
  surface3: '--surface-3',
  border: '--border',
  borderStrong: '--border-strong',
  text: '--text',
  text2: '--text-2',
  text3: '--text-3',
  accent: '--accent',
  accentSoft: '--accent-soft',
  ok: '--ok',
  okSoft: '--ok-soft',
  warn: '--warn',
  warnSoft: '--warn-soft',
  danger: '--danger',
  dangerSoft: '--danger-soft',
  info: '--info',
  evicted: '--evicted',
  fontUi: '--font-ui',
  fontMono: '--font-mono',
};

export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const palette: Record<string, string> = {};
  for (const [key, name] of Object.entries(VARIABLES)) palette[key] = style.getPropertyValue(name).trim();
  return palette as unknown as Palette;
}

/** A `#rgb`/`#rrggbb` token at an opacity; any other colour is returned as it is. */
export function alpha(color: string, opacity: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (hex === undefined) return color;
  const full = hex.length === 3 ? hex.replace(/./g, '$&$&') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r ?? 0}, ${g ?? 0}, ${b ?? 0}, ${opacity})`;
}
