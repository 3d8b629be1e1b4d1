import type { TokenbenchApi } from '../../shared/ipc/api';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge), or by connectApi() in browser mode. */
    readonly tokenbench?: TokenbenchApi;
  }
}
