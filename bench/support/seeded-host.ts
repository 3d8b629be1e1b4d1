// A web host over a workspace seeded with a token history, and one serving the reference page: the
// two things a UI benchmark loads. Data folders go on a tmpfs where there is one, since the store
// fsyncs every commit; the vault is in memory (no token values are needed to draw metadata).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceStore } from '../../electron/services/store';
import { createMemoryVault } from '../../electron/services/vault/memory-vault';
import { startWebHost, type WebHost } from '../../electron/web/host';
import { seedHistory, type SeededHistory, type SeedOptions } from './seed-history';

export interface BenchHost {
  readonly host: WebHost;
  readonly seeded: SeededHistory | null;
  /** Seconds spent writing the history. */
  readonly seedSeconds: number;
  close(): Promise<void>;
}

function tempHome(): string {
  return mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tokenbench-bench-'));
}

/** The real app (out/renderer) over a seeded workspace. */
export async function startSeededHost(options: Omit<SeedOptions, 'endAt'>): Promise<BenchHost> {
  const home = tempHome();
  const started = performance.now();
  const opened = openWorkspaceStore({ home });
  if (!opened.ok) throw new Error(opened.message);
  let seeded: SeededHistory;
  try {
    seeded = seedHistory(opened.value.store, { ...options, endAt: Date.now() });
  } finally {
    opened.value.store.close();
  }
  const seedSeconds = (performance.now() - started) / 1000;
  const host = await startWebHost({ home, vault: createMemoryVault(), sandbox: false });
  return { host, seeded, seedSeconds, close: closer(host, home) };
}

/** The same web host serving another build (the reference page) over an empty workspace. */
export async function startReferenceHost(rendererDir: string): Promise<BenchHost> {
  const home = tempHome();
  const host = await startWebHost({ home, vault: createMemoryVault(), sandbox: false, rendererDir });
  return { host, seeded: null, seedSeconds: 0, close: closer(host, home) };
}

function closer(host: WebHost, home: string): () => Promise<void> {
  return async () => {
    await host.close();
    rmSync(home, { recursive: true, force: true });
  };
}
