import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/define';
import { fail } from '../../shared/result';
import { dispatch, type Handlers } from '../services/workbench/handlers';
import { MAX_MESSAGE_BYTES, type CallId, type WireRequest } from '../../shared/ipc/wire';

/**
 * The IPC contract over a WebSocket, as JSON text frames:
 *   page → host  { id, channel, args }
 *   host → page  { id, result }        result is the IpcResult of `dispatch`, success or failure
 *   host → page  { event, payload }    push events, to every connected page
 * Authentication happened before the upgrade (see host.ts); from here on, a socket is our page.
 * A call the page makes before its socket first opens comes as the body of POST /ipc instead, and
 * is answered with the same text (`replyTo`, routes.ts).
 */

type Request = WireRequest;

export interface IpcSockets {
  /** Completes an upgrade the host has already authorised. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void;
  readonly clientCount: () => number;
  close(): void;
}

export function createIpcSockets(handlers: () => Handlers | null): IpcSockets {
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('connection', (socket) => {
    // A protocol error (an oversized or broken frame) closes that socket; unheard, it would crash the host.
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => {
      // ws hands over every frame of a chunk in one go; answering each in its own macrotask lets a
      // quick call's answer leave before a heavy one (a long token list) holds the thread.
      setImmediate(() => {
        void replyTo(handlers(), isBinary ? null : rawText(data)).then((reply) => {
          if (reply !== null && socket.readyState === socket.OPEN) socket.send(reply);
        });
      });
    });
  });
  return {
    accept: (req, socket, head) => {
      server.handleUpgrade(req, socket, head, (ws) => server.emit('connection', ws, req));
    },
    broadcast: (event, payload) => {
      const text = JSON.stringify({ event, payload });
      for (const client of server.clients) if (client.readyState === client.OPEN) client.send(text);
    },
    clientCount: () => server.clients.size,
    close: () => {
      for (const client of server.clients) client.terminate();
      server.close();
    },
  };
}

/**
 * The answer to one request's text (null: a binary frame), or null when it has no id to answer to
 * and is dropped.
 */
export async function replyTo(handlers: Handlers | null, text: string | null): Promise<string | null> {
  const request =
    text === null ? { id: null, problem: 'binary frames are not part of the protocol' } : parse(text);
  if ('problem' in request) {
    return request.id === null
      ? null
      : replyText(request.id, fail('malformed_message', `Tokenbench ignored a message: ${request.problem}.`));
  }
  const result =
    handlers === null
      ? fail('host_closing', 'Tokenbench is shutting down.')
      : await dispatch(handlers, request.channel, request.args);
  return replyText(request.id, result);
}

function replyText(id: CallId, result: IpcResult<unknown>): string {
  try {
    return JSON.stringify({ id, result });
  } catch {
    // A value JSON cannot carry is a bug in a handler, not the page's fault; answer as data anyway.
    return JSON.stringify({ id, result: fail('internal_error', 'Tokenbench could not send that answer.') });
  }
}

type Parsed = Request | { readonly id: CallId | null; readonly problem: string };

function parse(text: string): Parsed {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { id: null, problem: 'it is not JSON' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { id: null, problem: 'it is not an object' };
  }
  const { id, channel, args } = message as Record<string, unknown>;
  const callId = isCallId(id) ? id : null;
  if (callId === null) return { id: null, problem: 'it has no id' };
  if (typeof channel !== 'string') return { id: callId, problem: 'it names no channel' };
  return { id: callId, channel, args };
}

const isCallId = (value: unknown): value is CallId =>
  (typeof value === 'string' && value.length > 0 && value.length <= 100) ||
  (typeof value === 'number' && Number.isSafeInteger(value));

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : data.toString('utf8');
}
