// A benchmark's web host in a process of its own, as `npm run start:web` runs it for a user (and as
// Electron's main process is apart from its window). In the benchmark's own process it would share
// an event loop with Playwright's driver, and every answer to the page would wait behind the
// browser's protocol traffic: a cost no user pays. Started by seeded-host.ts; speaks JSON lines:
//   argv[2]  { "kind": "seeded", "clients": N, "tokens": N } | { "kind": "reference", "dir": PATH }
//   stdout   first { "url", "seeded", "seedSeconds" }, then one answer per request
//   stdin    { "ask": "clients" } | { "ask": "cost", "channel", "args" }; closing it stops the host
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ChannelName } from '../../shared/ipc/contract';
import { openWorkspaceStore } from '../../electron/services/store';
import { createMemoryVault } from '../../electron/services/vault/memory-vault';
import { dispatch } from '../../electron/services/workbench/handlers';
import { startWebHost, type WebHost } from '../../electron/web/host';
import { seedHistory, type SeededHistory } from './seed-history';
import { seedTraffic } from './seed-traffic';
import type { ChannelCost } from './seeded-host';

export type HostSpec =
  | {
      readonly kind: 'seeded';
      readonly clients: number;
      readonly tokens: number;
      /** Recorded exchanges for the traffic console, spread over the clients. */
      readonly exchanges?: number;
    }
  | { readonly kind: 'reference'; readonly dir: string };

export type HostRequest =
  | { readonly ask: 'clients' }
  | { readonly ask: 'cost'; readonly channel: ChannelName; readonly args: unknown };

/** Data folders go on a tmpfs where there is one, since the store fsyncs every commit. */
const home = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tokenbench-bench-'));

async function start(
  spec: HostSpec,
): Promise<{ host: WebHost; seeded: SeededHistory | null; seconds: number }> {
  const started = performance.now();
  let seeded: SeededHistory | null = null;
  if (spec.kind === 'seeded') {
    const opened = openWorkspaceStore({ home });
    if (!opened.ok) throw new Error(opened.message);
    try {
      seeded = seedHistory(opened.value.store, { ...spec, endAt: Date.now() });
      if (spec.exchanges !== undefined) seedTraffic(opened.value.store, seeded.clients, spec.exchanges);
    } finally {
      opened.value.store.close();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  // The vault is in memory: drawing metadata needs no token values.
  const host = await startWebHost({
    home,
    vault: createMemoryVault(),
    sandbox: false,
    ...(spec.kind === 'reference' ? { rendererDir: spec.dir } : {}),
  });
  return { host, seeded, seconds };
}

/** One call straight into the handler table, timed with the JSON it would send (median of 3). */
async function cost(host: WebHost, channel: ChannelName, args: unknown): Promise<ChannelCost> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i += 1) {
    const began = performance.now();
    const result = await dispatch(host.workbench.handlers, channel, args);
    // A refusal answers fast and small: timing it would flatter the channel.
    if (!result.ok) throw new Error(`${channel} failed in the benchmark: ${result.message}`);
    bytes = JSON.stringify(result).length;
    times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  return { ms: times[1] ?? Number.NaN, megabytes: bytes / 1e6 };
}

const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

const { host, seeded, seconds } = await start(JSON.parse(process.argv[2] ?? '{}') as HostSpec);
say({ url: host.url, seeded, seedSeconds: seconds });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const request = JSON.parse(line) as HostRequest;
  try {
    say(request.ask === 'clients' ? host.clientCount() : await cost(host, request.channel, request.args));
  } catch (error: unknown) {
    say({ error: error instanceof Error ? error.message : String(error) });
  }
}
await host.close();
rmSync(home, { recursive: true, force: true });
