import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNEL_NAMES, type EventName, type EventPayload } from '../shared/ipc/contract';
import { dispatch, type Handlers } from './services/workbench/handlers';
import { judgeSender, refusedSenderLine, type SenderDecision, type SenderFacts } from './shell/ipc-sender';

/**
 * The windows we created and the page they must show. Modelled on GitHub Desktop's
 * trusted-ipc-sender.ts: a sender is trusted when it is the main frame of one of our windows and
 * that frame shows our own renderer file. An iframe, a page navigated elsewhere, or a window we did
 * not make gets nothing, and push events go only to our windows.
 */
export interface TrustedWindows {
  /** Call right after creating a window, before it loads anything. */
  readonly trust: (window: BrowserWindow) => void;
  readonly judge: (event: IpcMainInvokeEvent) => SenderDecision & { readonly facts: SenderFacts };
  readonly broadcast: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

/**
 * The windows we created. A sender is trusted when it is the main frame of one of them showing our
 * renderer page (shell/ipc-sender.ts decides, from facts read here); push events go only to them.
 */
export function trustedWindows(): TrustedWindows {
  const trusted = new Set<WebContents>();
  return {
    trust: (window) => {
      const contents = window.webContents;
      trusted.add(contents);
      contents.once('destroyed', () => trusted.delete(contents));
    },
    judge: (event) => {
      const facts = senderFacts(event, trusted.has(event.sender));
      return { ...judgeSender(facts), facts };
    },
    broadcast: (event, payload) => {
      for (const contents of trusted) if (!contents.isDestroyed()) contents.send(event, payload);
    },
  };
}

function senderFacts(event: IpcMainInvokeEvent, ourWindow: boolean): SenderFacts {
  try {
    const frame = event.senderFrame;
    const mainFrame = frame !== null && frame.parent === null && frame === event.sender.mainFrame;
    return { ourWindow, mainFrame, frameUrl: frame?.url ?? null };
  } catch {
    // A frame disposed while its message was in flight throws on access: not trusted.
    return { ourWindow, mainFrame: false, frameUrl: null };
  }
}

export interface RegisterOptions {
  readonly judge: TrustedWindows['judge'];
  /** Where a refused sender is reported (the main process's stderr). */
  readonly log: (line: string) => void;
}

/**
 * Registers every channel of the contract. The sender is checked first, then `dispatch` parses the
 * arguments before any service runs. Returns a function that removes the registrations.
 */
export function registerIpc(handlers: Handlers, options: RegisterOptions): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, args: unknown) => {
      const decision = options.judge(event);
      if (!decision.ok) {
        options.log(refusedSenderLine(channel, decision.facts, decision.reason));
        return { ok: false, code: 'untrusted_sender', message: 'This page may not call Tokenbench.' };
      }
      return dispatch(handlers, channel, args);
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
