import type { IpcResult } from '../../shared/ipc/define';
import { failureFacts, type FailureFacts } from '../../shared/result';
import { connectApi } from './transport/connect';

/**
 * The one module that talks to the main process (architecture.md, "Renderer"): stores call it,
 * components never do. In Electron it is the preload's object; in browser mode a WebSocket client.
 */
export const api = connectApi();

/** The page runs in a browser tab (browser mode), where a link can open another tab. */
export const inBrowserMode = api.shell === 'web';

/** A failure the UI shows: Zoho's or Tokenbench's code, plain words, and the data they came from. */
export interface UiError extends FailureFacts {
  readonly detail?: unknown;
}

export function toUiError(result: Extract<IpcResult<unknown>, { ok: false }>): UiError {
  return { ...failureFacts(result), detail: result.detail };
}

/** The first failure among several answers read together, or null when all succeeded. */
export function firstFailure(...results: readonly IpcResult<unknown>[]): UiError | null {
  for (const result of results) if (!result.ok) return toUiError(result);
  return null;
}
