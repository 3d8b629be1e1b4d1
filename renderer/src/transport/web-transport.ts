import type { ApiTransport } from '../../../shared/ipc/api';
import type { ChannelName, EventName } from '../../../shared/ipc/contract';
import { EVENT_NAMES } from '../../../shared/ipc/names';
import type { IpcResult } from '../../../shared/ipc/define';
import type { StartAnswers, StartRead } from '../../../shared/ipc/start-answers';
import { MAX_MESSAGE_BYTES, type WireMessage } from '../../../shared/ipc/wire';

/**
 * ApiTransport over the web host's WebSocket (electron/web/ipc-socket.ts has the protocol):
 * `{ id, channel, args }` out, `{ id, result }` and `{ event, payload }` in. Calls made while the
 * socket connects wait for it; when it drops, calls in flight fail as data (`disconnected`) and the
 * transport reconnects with backoff. After a reconnect the page may have missed pushes, so every
 * subscriber hears a "something changed" event (null ids) and re-reads.
 *
 * It asks whether the page is signed in (`checkSession`) before each reconnection, and at the first
 * connection only if the socket is refused: a browser gives a WebSocket no status for a refused
 * upgrade, and "not signed in" needs other words than "gone".
 */

export const DISCONNECTED: IpcResult<never> = {
  ok: false,
  code: 'disconnected',
  message: 'Lost the connection to Tokenbench; reconnecting…',
};

export const SIGNED_OUT: IpcResult<never> = {
  ok: false,
  code: 'signed_out',
  message:
    'This page is not signed in to Tokenbench. Open the address Tokenbench printed first when it started (npm run start:web).',
};

/** `signed-out`: the host answers, but not to this page (no session, or one from another launch). */
export type ConnectionState = 'connecting' | 'open' | 'waiting' | 'signed-out';

/** What the host says of this page's session; `unreachable` when nothing answers. */
export type SessionAnswer = 'signed-in' | 'signed-out' | 'unreachable';

export interface WebTransport extends ApiTransport {
  readonly state: () => ConnectionState;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
  /** Waiting or signed out: try again now (the window got focus, the user signed in elsewhere). */
  retryNow(): void;
  close(): void;
}

export interface WebTransportOptions {
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** How often a signed-out page asks again, so signing in from another tab lets it in. */
  readonly signedOutRecheckMs?: number;
  /** Asked before each connection; without it the socket is opened straight away. */
  readonly checkSession?: () => Promise<SessionAnswer>;
  /**
   * The start reads' answers the host put in the page (shared/ipc/start-answers.ts): the first
   * call of each of those channels takes its answer from here, at once.
   */
  readonly startAnswers?: StartAnswers;
  /** For tests: another WebSocket implementation. */
  readonly createSocket?: (url: string) => WebSocket;
}

interface Pending {
  readonly id: number;
  readonly text: string;
  readonly resolve: (result: IpcResult<unknown>) => void;
}

const MISSED_EVENTS: readonly [EventName, unknown][] = [
  ['tokens:changed', { clientRef: null }],
  ['environments:changed', { environmentId: null }],
];

export function webTransport(url: string, options: WebTransportOptions = {}): WebTransport {
  const initialDelay = options.initialDelayMs ?? 250;
  // Short: a refused connection to loopback costs nothing, and the page should be back at once.
  const maxDelay = options.maxDelayMs ?? 2_000;
  const recheck = options.signedOutRecheckMs ?? 3_000;
  const { checkSession } = options;
  const createSocket = options.createSocket ?? ((u: string) => new WebSocket(u));
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const queued: Pending[] = [];
  const inFlight = new Map<number, Pending>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let delay = initialDelay;
  /** Calls failed or pushes may have been missed since the last open: subscribers must re-read. */
  let missedSome = false;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ConnectionState) => {
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const deliver = (event: EventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };

  const onMessage = (data: unknown) => {
    const message = parse(data);
    if (message === null) return;
    if ('event' in message) {
      if (EVENT_NAMES.includes(message.event)) deliver(message.event, message.payload);
      return;
    }
    // The page numbers its calls, so an answer with any other id is not ours.
    if (typeof message.id !== 'number') return;
    const pending = inFlight.get(message.id);
    inFlight.delete(message.id);
    pending?.resolve(message.result);
  };

  const failAll = (result: IpcResult<never>) => {
    if (inFlight.size + queued.length > 0) missedSome = true;
    for (const pending of [...inFlight.values(), ...queued]) pending.resolve(result);
    inFlight.clear();
    queued.length = 0;
  };

  /** Nothing answers: try again soon, sooner than a person would. */
  const waitAndRetry = () => {
    failAll(DISCONNECTED);
    missedSome = true;
    setState('waiting');
    timer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, maxDelay);
  };

  const signedOut = () => {
    failAll(SIGNED_OUT);
    missedSome = true;
    setState('signed-out');
    timer = setTimeout(connect, recheck);
  };

  const afterAnswer = (answer: SessionAnswer) => {
    if (closed) return;
    if (answer === 'signed-in') openSocket(null);
    else if (answer === 'signed-out') signedOut();
    else waitAndRetry();
  };

  let firstAttempt = true;
  const connect = () => {
    clearTimeout(timer);
    setState('connecting');
    if (checkSession === undefined) {
      openSocket(null);
    } else if (firstAttempt) {
      // A cold load must not wait on a question that is nearly always answered yes, nor pay for a
      // request it does not need: ask only if the socket is refused (bench ui-cold-load).
      firstAttempt = false;
      openSocket(checkSession);
    } else {
      // Later, ask first: a refused socket on every retry would only fill the console.
      void checkSession().then(afterAnswer);
    }
  };

  /** `askIfRefused`: on a socket closed before it opened, ask why (signed out, or gone). */
  const openSocket = (askIfRefused: (() => Promise<SessionAnswer>) | null) => {
    const ws = createSocket(url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      const reread = missedSome;
      missedSome = false;
      delay = initialDelay;
      setState('open');
      for (const pending of queued.splice(0)) send(ws, pending);
      if (reread) for (const [event, payload] of MISSED_EVENTS) deliver(event, payload);
    };
    ws.onmessage = (event: MessageEvent) => {
      onMessage(event.data);
    };
    // A refused or failed socket also closes; the close is where that is handled.
    ws.onerror = () => undefined;
    ws.onclose = () => {
      socket = null;
      if (closed) failAll(DISCONNECTED);
      else if (!opened && askIfRefused !== null)
        void askIfRefused().then((answer) => {
          afterAnswer(answer === 'signed-in' ? 'unreachable' : answer);
        });
      else waitAndRetry();
    };
  };

  const send = (ws: WebSocket, pending: Pending) => {
    inFlight.set(pending.id, pending);
    ws.send(pending.text);
  };

  const startAnswers = new Map(options.startAnswers);
  const invoke = (channel: ChannelName, args: unknown): Promise<IpcResult<unknown>> =>
    new Promise((resolve) => {
      const known = startAnswers.get(channel as StartRead);
      if (known !== undefined && isEmptyObject(args)) {
        startAnswers.delete(channel as StartRead);
        resolve(known);
        return;
      }
      const id = nextId++;
      const text = JSON.stringify({ id, channel, args });
      if (new TextEncoder().encode(text).length > MAX_MESSAGE_BYTES) {
        resolve({
          ok: false,
          code: 'message_too_large',
          message: 'That is too large to send to Tokenbench.',
        });
        return;
      }
      const pending = { id, text, resolve };
      if (state === 'open' && socket !== null) send(socket, pending);
      else if (state === 'connecting') queued.push(pending);
      else {
        missedSome = true;
        resolve(state === 'signed-out' ? SIGNED_OUT : DISCONNECTED);
      }
    });

  connect();
  return {
    invoke,
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    state: () => state,
    onStateChange: (listener) => {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    retryNow: () => {
      if (!closed && (state === 'waiting' || state === 'signed-out')) connect();
    },
    close: () => {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    },
  };
}

type Incoming = WireMessage;

/** The start reads take no arguments (`{}`); a call with any is another question. */
const isEmptyObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 0;

function parse(data: unknown): Incoming | null {
  if (typeof data !== 'string') return null;
  try {
    const message = JSON.parse(data) as unknown;
    if (typeof message !== 'object' || message === null) return null;
    if ('event' in message && typeof message.event === 'string') return message as Incoming;
    if ('id' in message && typeof message.id === 'number' && 'result' in message) return message as Incoming;
    return null;
  } catch {
    return null;
  }
}
