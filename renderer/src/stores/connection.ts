import { create } from 'zustand';
import type { ConnectionState } from '../transport/web-transport';
import { wasKeyRefused, webConnection } from '../transport/connect';

/**
 * How this page reaches Tokenbench: always there in Electron; in browser mode a socket to the web
 * host that may be lost (the host stopped) or refused (the page is not signed in).
 */
interface ConnectionStore {
  readonly state: ConnectionState | 'electron';
  /** The page has reached the host once: a later loss keeps the workbench, with a notice over it. */
  readonly everOpen: boolean;
  /** The address it was opened with carried a key or code the host refused. */
  readonly keyRefused: boolean;
}

const web = webConnection();

export const useConnection = create<ConnectionStore>(() => ({
  state: web?.state() ?? 'electron',
  everOpen: web === null || web.state() === 'open',
  keyRefused: web !== null && wasKeyRefused(),
}));

web?.onStateChange((state) => {
  useConnection.setState((s) => ({ state, everOpen: s.everOpen || state === 'open' }));
});

/** Not connected now, after having been: what the page shows must say so, not pretend. */
export const isAdrift = (s: ConnectionStore): boolean =>
  s.everOpen && s.state !== 'open' && s.state !== 'electron';
