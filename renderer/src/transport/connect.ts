import { buildApi, type TokenbenchApi } from '../../../shared/ipc/api';
import { parseStartAnswers, START_ANSWERS_ID, type StartAnswers } from '../../../shared/ipc/start-answers';
import { webTransport, type SessionAnswer, type WebTransport } from './web-transport';

/**
 * The page's one way to reach Tokenbench. In Electron the preload has already put the API on
 * `window.tokenbench`; in browser mode it is built here over the web host's WebSocket and put on
 * `window.tokenbench` the same way, so both shells look alike to the rest of the renderer and to tests.
 *
 * Browser mode signs in with an HttpOnly session cookie the host set when the browser came with
 * the launch key or a one-time code (electron/web/routes.ts); the page itself never holds either.
 */

let api: TokenbenchApi | undefined;
let connection: WebTransport | null = null;
let keyRefused = false;

/** Where the host sends a browser whose key or code it refused (electron/web/routes.ts). */
const REFUSED_FRAGMENT = '#key-refused';

export function connectApi(): TokenbenchApi {
  if (api !== undefined) return api;
  if (window.tokenbench !== undefined) {
    api = window.tokenbench;
    return api;
  }
  keyRefused = forgetKeyInAddress();
  connection = webTransport(socketUrl(), { checkSession: askSession, startAnswers: takeStartAnswers() });
  const retry = () => {
    connection?.retryNow();
  };
  addEventListener('focus', retry);
  addEventListener('online', retry);
  api = buildApi(connection, 'web');
  // Like contextBridge's property: the page cannot swap the API out from under its own modules.
  Object.defineProperty(window, 'tokenbench', { value: api, writable: false, configurable: false });
  return api;
}

/** Browser mode's connection, for the "lost the connection" and "not signed in" notices; null in Electron. */
export function webConnection(): Pick<WebTransport, 'state' | 'onStateChange'> | null {
  connectApi();
  return connection;
}

/** The host refused the key or code this page was opened with (an address from an earlier launch). */
export function wasKeyRefused(): boolean {
  return keyRefused;
}

/**
 * The host sends a keyed address on to a bare one, so a key should never be here; if one is (an
 * older host, a hand-made address), it leaves the address bar and this page's history at once.
 */
function forgetKeyInAddress(): boolean {
  const url = new URL(window.location.href);
  const refused = url.hash === REFUSED_FRAGMENT;
  const keyed = url.searchParams.has('key') || url.searchParams.has('code');
  if (!refused && !keyed) return false;
  url.searchParams.delete('key');
  url.searchParams.delete('code');
  if (refused) url.hash = '';
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return refused;
}

/**
 * The start reads' answers the host put in this page, if it did (signed in), taken out of the
 * document: they are read once, and a stale copy should not linger in the DOM.
 */
function takeStartAnswers(): StartAnswers {
  const element = document.getElementById(START_ANSWERS_ID);
  element?.remove();
  return parseStartAnswers(element?.textContent ?? null);
}

/** The socket goes to the host that served the page, under the name the user opened it with. */
function socketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ipc`;
}

async function askSession(): Promise<SessionAnswer> {
  try {
    const answer = await fetch('/session', { cache: 'no-store', credentials: 'same-origin' });
    if (answer.ok) return 'signed-in';
    return answer.status === 401 ? 'signed-out' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
