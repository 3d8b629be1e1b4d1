import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { pathToFileURL } from 'node:url';
import { CHANNEL_NAMES, type EventName, type EventPayload } from '../shared/ipc/contract';
import { dispatch, type Handlers } from './services/workbench/handlers';

/**
 * The windows we created and the page they must show. Modelled on GitHub Desktop's
 * trusted-ipc-sender.ts: a sender is trusted when it is the main frame of one of our windows and
 * that frame shows our own renderer file. An iframe, a page navigated elsewhere, or a window we did
 * not make gets nothing, and push events go only to our windows.
 */
export interface TrustedWindows {
  /** Call right after creating a window, before it loads anything. */
  readonly trust: (window: BrowserWindow) => void;
  readonly isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  readonly broadcast: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

export function trustedWindows(rendererIndex: string): TrustedWindows {
  const expected = pathToFileURL(rendererIndex).href;
  const trusted = new Set<WebContents>();
  return {
    trust: (window) => {
      const contents = window.webContents;
      trusted.add(contents);
      contents.once('destroyed', () => trusted.delete(contents));
    },
    isTrustedSender: (event) => trusted.has(event.sender) && isOurMainFrame(event, expected),
    broadcast: (event, payload) => {
      for (const contents of trusted) if (!contents.isDestroyed()) contents.send(event, payload);
    },
  };
}

function isOurMainFrame(event: IpcMainInvokeEvent, expectedUrl: string): boolean {
  try {
    const frame = event.senderFrame;
    if (frame === null || frame.parent !== null || frame !== event.sender.mainFrame) return false;
    const url = new URL(frame.url);
    // The renderer is one file; a query or a #route on it is still our page, any other file is not.
    return url.protocol === 'file:' && `${url.protocol}//${url.host}${url.pathname}` === expectedUrl;
  } catch {
    // A frame disposed while its message was in flight throws on access: not trusted.
    return false;
  }
}

export interface RegisterOptions {
  readonly isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
}

/**
 * Registers every channel of the contract. The sender is checked first, then `dispatch` parses the
 * arguments before any service runs. Returns a function that removes the registrations.
 */
export function registerIpc(handlers: Handlers, options: RegisterOptions): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, args: unknown) => {
      if (!options.isTrustedSender(event)) {
        return { ok: false, code: 'untrusted_sender', message: 'This page may not call Tokenbench.' };
      }
      return dispatch(handlers, channel, args);
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
