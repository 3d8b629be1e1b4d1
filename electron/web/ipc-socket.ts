import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
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
      setImmediate(() => void answer(socket, handlers(), data, isBinary));
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

async function answer(socket: WebSocket, handlers: Handlers | null, data: RawData, isBinary: boolean) {
  const request = isBinary
    ? { id: null, problem: 'binary frames are not part of the protocol' }
    : parse(data);
  if ('problem' in request) {
    // Without an id there is nobody to answer; the message is dropped.
    if (request.id !== null)
      reply(
        socket,
        request.id,
        fail('malformed_message', `Tokenbench ignored a message: ${request.problem}.`),
      );
    return;
  }
  const result =
    handlers === null
      ? fail('host_closing', 'Tokenbench is shutting down.')
      : await dispatch(handlers, request.channel, request.args);
  reply(socket, request.id, result);
}

function reply(socket: WebSocket, id: CallId, result: IpcResult<unknown>): void {
  if (socket.readyState !== socket.OPEN) return;
  let text: string;
  try {
    text = JSON.stringify({ id, result });
  } catch {
    // A value JSON cannot carry is a bug in a handler, not the page's fault; answer as data anyway.
    text = JSON.stringify({ id, result: fail('internal_error', 'Tokenbench could not send that answer.') });
  }
  socket.send(text);
}

type Parsed = Request | { readonly id: CallId | null; readonly problem: string };

function parse(data: RawData): Parsed {
  let message: unknown;
  try {
    message = JSON.parse(rawText(data));
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
