// "Listing a DBStore of 10,000 rows over listing 100 in the same run: goal at most 2x" (issue 9).
// Two tables of the Zoho SDK's shape in one private MariaDB, each added as a token store of one
// workspace; each listing is `stores:rows` through the handler table, as the Stores tab and
// `tokenbench store show` call it: connect, check the table, read a page, match it to the ledger.
// The server's own counters say how many rows each listing read, which shows the page is bounded.
import { mkdtempSync, rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArgsOf } from '../shared/ipc/contract';
import { createMemoryVault } from '../electron/services/vault/memory-vault';
import { dispatch } from '../electron/services/workbench/handlers';
import { createWorkbench, type Workbench } from '../electron/services/workbench/workbench';
import { mariadbSkipReason, SDK_TABLE_SQL, startMariaDb, type MariaDb } from '../test/support/mariadb';
import { insertRows, sdkRow } from '../test/support/store-rows';
import type { Benchmark, BenchResult } from './run';
import { median } from './support/browser-timing';

const SMALL = 100;
const BIG = 10_000;
const RUNS = 21;

interface Listing {
  readonly ms: number;
  /** Rows the server read for it (InnoDB handler reads), from its global counters. */
  readonly rowsRead: number;
  readonly bytes: number;
}

async function handlerReads(db: MariaDb): Promise<number> {
  const rows = await db.query<{ Variable_name: string; Value: string }>(
    "SHOW GLOBAL STATUS WHERE Variable_name LIKE 'Handler_read%'",
  );
  return rows.reduce((sum, r) => sum + Number(r.Value), 0);
}

async function list(wb: Workbench, db: MariaDb, args: ArgsOf<'stores:rows'>): Promise<Listing> {
  const before = await handlerReads(db);
  const began = performance.now();
  const result = await dispatch(wb.handlers, 'stores:rows', args);
  const ms = performance.now() - began;
  if (!result.ok) throw new Error(`stores:rows failed in the benchmark: ${result.message}`);
  return { ms, rowsRead: (await handlerReads(db)) - before, bytes: JSON.stringify(result).length };
}

async function addStore(wb: Workbench, db: MariaDb, table: string, password: string): Promise<string> {
  const added = await dispatch(wb.handlers, 'stores:add', {
    name: table,
    host: '127.0.0.1',
    port: db.port,
    table,
    user: 'reader',
    password,
  });
  if (!added.ok) throw new Error(`stores:add failed: ${added.message}`);
  return (added.value as { id: string }).id;
}

async function fill(db: MariaDb, table: string, count: number): Promise<void> {
  await db.query(SDK_TABLE_SQL(`zohooauth.${table}`));
  const rows = Array.from({ length: count }, (_, i) => sdkRow(i + 1));
  await insertRows(db, rows, table);
  await db.query(`ANALYZE TABLE zohooauth.${table}`);
}

async function run(): Promise<BenchResult> {
  if (mariadbSkipReason !== undefined) throw new Error(mariadbSkipReason);
  const db = await startMariaDb();
  const home = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tokenbench-bench-'));
  const opened = createWorkbench({
    home,
    vault: createMemoryVault(),
    openBrowser: () => Promise.resolve(undefined),
    clipboard: { writeText: () => undefined },
  });
  if (!opened.ok) throw new Error(opened.message);
  const wb = opened.value;
  try {
    const password = await db.addUser('reader', 'SELECT');
    await fill(db, 'small', SMALL);
    await fill(db, 'big', BIG);
    const small = await addStore(wb, db, 'small', password);
    const big = await addStore(wb, db, 'big', password);
    const firstPages = { small: [] as Listing[], big: [] as Listing[] };
    const midPages: Listing[] = [];
    for (let i = 0; i < RUNS + 3; i += 1) {
      // Alternate, so a slower moment of a shared machine falls on both sides alike.
      const s = await list(wb, db, { id: small, limit: 50 });
      const b = await list(wb, db, { id: big, limit: 50 });
      const m = await list(wb, db, { id: big, limit: 50, after: '5000' });
      if (i < 3) continue;
      firstPages.small.push(s);
      firstPages.big.push(b);
      midPages.push(m);
    }
    const ms = (l: readonly Listing[]) => median(l.map((x) => x.ms));
    const reads = (l: readonly Listing[]) => Math.max(...l.map((x) => x.rowsRead));
    const bigMs = ms(firstPages.big);
    const smallMs = ms(firstPages.small);
    return {
      ratio: bigMs / smallMs,
      detail:
        `first page of 50 rows: ${bigMs.toFixed(1)} ms at ${BIG} rows vs ${smallMs.toFixed(1)} ms at ${SMALL} ` +
        `(median of ${RUNS}); a page after row "5000": ${ms(midPages).toFixed(1)} ms; ` +
        `rows the server read per listing (its Handler_read counters, table check included): ` +
        `${reads(firstPages.big)} at ${BIG}, ${reads(firstPages.small)} at ${SMALL}, ${reads(midPages)} mid-table; ` +
        `answer ${(firstPages.big[0]?.bytes ?? 0) / 1000} kB`,
      goal: 2,
    };
  } finally {
    await wb.close();
    rmSync(home, { recursive: true, force: true });
    await db.close();
  }
}

export const storeScan: Benchmark = { name: 'store-scan', run };
