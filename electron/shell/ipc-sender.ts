import { visible } from '../../shared/text/visible';
import { APP_ORIGIN, originOf, RENDERER_URL } from './app-protocol';

/** What the shell knows of an IPC message's sender, read from Electron's event. */
export interface SenderFacts {
  /** The sender is the webContents of a window we created. */
  readonly ourWindow: boolean;
  /** The frame is that window's main frame (not an iframe, not disposed). */
  readonly mainFrame: boolean;
  /** The frame's URL, or null when it could not be read. */
  readonly frameUrl: string | null;
}

export type SenderDecision = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * GitHub Desktop's trusted-ipc-sender, as a decision with a reason: a sender is trusted when it is
 * the main frame of one of our windows showing our renderer page (a #route or query on it is still
 * our page). The reason goes to the log, so a refused sender is seen, not silently dropped.
 */
export function judgeSender(facts: SenderFacts): SenderDecision {
  if (!facts.ourWindow) return { ok: false, reason: 'not a window Tokenbench created' };
  if (!facts.mainFrame) return { ok: false, reason: 'not the main frame' };
  let url: URL;
  try {
    url = new URL(facts.frameUrl ?? '');
  } catch {
    return { ok: false, reason: 'no readable URL' };
  }
  if (`${originOf(url.href) ?? ''}${url.pathname}` !== RENDERER_URL)
    return { ok: false, reason: `a page other than ${APP_ORIGIN}'s renderer` };
  return { ok: true };
}

/** One log line for a refused sender: the channel, why, and where it came from (origin and path only). */
export function refusedSenderLine(channel: string, facts: SenderFacts, reason: string): string {
  let where = 'an unknown page';
  try {
    const url = new URL(facts.frameUrl ?? '');
    where = `${originOf(url.href) ?? url.protocol}${url.pathname}`;
  } catch {
    // Keep "an unknown page".
  }
  return `tokenbench: refused IPC ${channel} from "${visible(where)}": ${reason}`;
}
