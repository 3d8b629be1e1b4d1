import { buildApi, type ApiTransport, type TokenbenchApi } from '../../../shared/ipc/api';
import { webTransport, type WebTransport } from './web-transport';

/**
 * The page's one way to reach Tokenbench. In Electron the preload has already put the API on
 * `window.tokenbench`; in browser mode it is built here over the web host's WebSocket, with the
 * per-launch key from the URL the host printed, and put on `window.tokenbench` the same way, so
 * both shells look alike to the rest of the renderer and to tests.
 */

let api: TokenbenchApi | undefined;
let connection: WebTransport | null = null;

export function connectApi(): TokenbenchApi {
  if (api !== undefined) return api;
  if (window.tokenbench !== undefined) {
    api = window.tokenbench;
    return api;
  }
  const key = new URLSearchParams(window.location.search).get('key');
  if (key !== null && key !== '') connection = webTransport(socketUrl(key));
  api = buildApi(connection ?? keylessTransport(), 'web');
  // Like contextBridge's property: the page cannot swap the API out from under its own modules.
  Object.defineProperty(window, 'tokenbench', { value: api, writable: false, configurable: false });
  return api;
}

/** Browser mode's connection state, for a "reconnecting" banner; null in Electron. */
export function webConnection(): Pick<WebTransport, 'state' | 'onStateChange'> | null {
  connectApi();
  return connection;
}

/** The socket goes to the host that served the page, under the name the user opened it with. */
function socketUrl(key: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/ipc?key=${encodeURIComponent(key)}`;
}

/** Opened without the key (a bookmark, a hand-typed address): every call says how to get in. */
function keylessTransport(): ApiTransport {
  return {
    invoke: () =>
      Promise.resolve({
        ok: false,
        code: 'missing_key',
        message:
          'This address lacks the access key. Open the full URL that `npm run start:web` printed (it ends in ?key=…).',
      }),
    subscribe: () => () => undefined,
  };
}
