import type { EventName } from './contract';
import type { IpcResult } from './define';

/**
 * Browser mode's WebSocket messages (JSON text frames), one definition for the host
 * (electron/web/ipc-socket.ts) and the page (renderer/src/transport/web-transport.ts).
 */
export type CallId = string | number;

/** Page → host: call one channel of the contract. */
export interface WireRequest {
  readonly id: CallId;
  readonly channel: string;
  readonly args: unknown;
}

/** Host → page: the answer to a call, or a push event. */
export type WireMessage =
  | { readonly id: CallId; readonly result: IpcResult<unknown> }
  | { readonly event: EventName; readonly payload: unknown };

/** A Postman import may be 5,000,000 characters, and JSON escaping inflates it; above this, the socket closes. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
