/**
 * Text from outside (a file, a server, the workspace) made safe to show: every character that could
 * make a terminal or a text renderer lie is replaced by its `\uXXXX` escape, which people can read
 * and which stays valid (and means the same) inside a JSON string.
 *
 * - C0 and C1 controls and DEL: ESC starts the sequences that set a window title, clear the screen
 *   or move the cursor (ECMA-48); CR and BS rewrite a line; U+009B is an 8-bit CSI.
 * - Bidirectional formatting (Unicode UAX #9, section 2): U+202A-U+202E, U+2066-U+2069, the marks
 *   U+200E/U+200F/U+061C reorder what follows, so a token or a URL can be shown in another order
 *   than it has ("Trojan Source", CVE-2021-42574).
 * - Invisible characters that hide or split text: zero-width spaces and joiners, word joiner and
 *   invisible operators, the BOM, U+2028/U+2029 (line breaks), interlinear annotations, and the tag
 *   characters U+E0000-U+E007F (escaped per UTF-16 unit, as JSON does).
 */
/** Everything but the three whitespace controls, which a page renders as plain spaces. */
const UNSAFE_IN_PAGE =
  '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff\\ufff9-\\ufffb\\u{e0000}-\\u{e007f}';
const UNSAFE = new RegExp(`[\\t\\n\\r${UNSAFE_IN_PAGE}]`, 'gu');
const PAGE_UNSAFE = new RegExp(`[${UNSAFE_IN_PAGE}]`, 'gu');
const ANY_UNSAFE = new RegExp(`[\\t\\n\\r${UNSAFE_IN_PAGE}]`, 'u');

/** Each UTF-16 unit as `\uXXXX`, so a character outside the BMP comes out as JSON writes it. */
function escapeUnits(match: string): string {
  let out = '';
  for (let i = 0; i < match.length; i += 1) out += `\\u${match.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** One value (a name, a field, an error from a server) for one line or one cell: nothing raw. */
export function visible(text: string): string {
  return text.replace(UNSAFE, escapeUnits);
}

/** Several lines of our own making with foreign values inside: the same, but line breaks stay. */
export function visibleLines(text: string): string {
  return text.split('\n').map(visible).join('\n');
}

/**
 * Text in a web page, where a tab, a line feed or a carriage return is only white space (HTML
 * collapses it) and so stays; every other character `visible` escapes is escaped.
 */
export function visibleText(text: string): string {
  return text.replace(PAGE_UNSAFE, escapeUnits);
}

/** True when `visible` would change the text. */
export function hasUnsafeCharacters(text: string): boolean {
  return ANY_UNSAFE.test(text);
}
