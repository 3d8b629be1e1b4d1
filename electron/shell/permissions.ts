import { APP_ORIGIN, originOf } from './app-protocol';

/**
 * What the page may be granted (Electron security checklist, item 5). Tokenbench needs no camera,
 * location, notifications or the like: every permission is refused, for requests and for checks
 * alike (a check handler matters: without one Chromium answers some checks on its own). The one
 * exception is writing text to the clipboard from our own page ("Copy URL" on the consent wait
 * panel); reading the clipboard is never granted.
 */
const GRANTED = new Set(['clipboard-sanitized-write']);

export interface PermissionAsk {
  readonly permission: string;
  /** The origin or URL of the frame that asks. */
  readonly requestingUrl: string;
  readonly isMainFrame: boolean;
}

export function allowPermission(ask: PermissionAsk): boolean {
  if (!GRANTED.has(ask.permission) || !ask.isMainFrame) return false;
  return originOf(ask.requestingUrl) === APP_ORIGIN;
}
