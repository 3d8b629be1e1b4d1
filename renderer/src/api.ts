import type { IpcResult } from '../../shared/ipc/define';
import { connectApi } from './transport/connect';

/**
 * The one module that talks to the main process (architecture.md, "Renderer"): stores call it,
 * components never do. In Electron it is the preload's object; in browser mode a WebSocket client.
 */
export const api = connectApi();

/** A failure the UI shows: Zoho's or Tokenbench's code, and plain words. */
export interface UiError {
  readonly code: string;
  readonly message: string;
  readonly detail?: unknown;
}

export function toUiError(result: Extract<IpcResult<unknown>, { ok: false }>): UiError {
  return { code: result.code, message: result.message, detail: result.detail };
}

/** The first failure among several answers read together, or null when all succeeded. */
export function firstFailure(...results: readonly IpcResult<unknown>[]): UiError | null {
  for (const result of results) if (!result.ok) return toUiError(result);
  return null;
}
