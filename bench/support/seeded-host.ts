// The two things a UI benchmark loads: the real app (out/renderer) over a workspace seeded with a
// token history, and the reference page over an empty one. Each host runs in a process of its own
// (host-process.ts), as it does for a user; this side drives it over JSON lines.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { ArgsOf, ChannelName } from '../../shared/ipc/contract';
import type { HostRequest, HostSpec } from './host-process';
import type { SeededHistory } from './seed-history';

export interface ChannelCost {
  readonly ms: number;
  /** Size of the answer as JSON, as it crosses the WebSocket. */
  readonly megabytes: number;
}

export interface BenchHost {
  /** The page's address, with the launch key. */
  readonly url: string;
  readonly seeded: SeededHistory | null;
  /** Seconds spent writing the history. */
  readonly seedSeconds: number;
  /** Pages connected to the host now. */
  clientCount(): Promise<number>;
  /** One call straight into the host's handler table, timed there (median of 3). */
  channelCost<C extends ChannelName>(channel: C, args: ArgsOf<C>): Promise<ChannelCost>;
  close(): Promise<void>;
}

export const startSeededHost = (options: {
  clients: number;
  tokens: number;
  exchanges?: number;
}): Promise<BenchHost> => startHost({ kind: 'seeded', ...options });

export const startReferenceHost = (rendererDir: string): Promise<BenchHost> =>
  startHost({ kind: 'reference', dir: rendererDir });

async function startHost(spec: HostSpec): Promise<BenchHost> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/support/host-process.ts', JSON.stringify(spec)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const answers = answerQueue(child);
  const first = (await answers.next()) as { url: string; seeded: SeededHistory | null; seedSeconds: number };
  const ask = async (request: HostRequest): Promise<unknown> => {
    child.stdin.write(`${JSON.stringify(request)}\n`);
    const answer = await answers.next();
    if (typeof answer === 'object' && answer !== null && 'error' in answer)
      throw new Error(String(answer.error));
    return answer;
  };
  return {
    ...first,
    clientCount: async () => (await ask({ ask: 'clients' })) as number,
    channelCost: async (channel, args) => (await ask({ ask: 'cost', channel, args })) as ChannelCost,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    },
  };
}

/** The child's stdout lines as parsed answers, in order; a child that dies fails the wait. */
function answerQueue(child: ChildProcessByStdio<Writable, Readable, null>): { next(): Promise<unknown> } {
  const ready: unknown[] = [];
  const waiting: { resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  let exited: Error | null = null;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const value: unknown = JSON.parse(line);
    const waiter = waiting.shift();
    if (waiter === undefined) ready.push(value);
    else waiter.resolve(value);
  });
  child.once('exit', (code) => {
    exited = new Error(`the bench host exited (${String(code)}): see its stderr above`);
    for (const waiter of waiting.splice(0)) waiter.reject(exited);
  });
  return {
    next: () => {
      if (ready.length > 0) return Promise.resolve(ready.shift());
      if (exited !== null) return Promise.reject(exited);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
  };
}
