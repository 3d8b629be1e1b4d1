import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceStore, SCHEMA_VERSION } from '../../electron/services/store';
import type { OpenedWorkspace, WorkspaceStore } from '../../electron/services/store';

const REPO = path.resolve(import.meta.dirname, '../..');
const STORE_MODULE = path.join(REPO, 'electron/services/store/index.ts');
/** The conventional `nobody` user: an unprivileged uid for the permission test when we run as root. */
const NOBODY = 65534;
const NOW = Date.UTC(2025, 2, 4, 5, 6, 7, 890);
const STAMP = '2025-03-04T05-06-07.890Z';

let root: string;
let home: string;
let file: string;
const opened: WorkspaceStore[] = [];

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'tokenbench-corrupt-'));
  home = path.join(root, 'home');
  mkdirSync(home);
  file = path.join(home, 'workspace.db');
});

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  chmodSync(home, 0o700);
  if (existsSync(file)) chmodSync(file, 0o600);
  rmSync(root, { recursive: true, force: true });
});

function openHere() {
  const result = openWorkspaceStore({ home, now: () => NOW });
  if (result.ok) opened.push(result.value.store);
  return result;
}

/** A real workspace with enough history to span many pages. */
function writeRealWorkspace(): void {
  const result = openHere();
  if (!result.ok) throw new Error(result.message);
  const { store } = result.value;
  for (let i = 0; i < 3000; i += 1)
    store.ledger.append({ type: 'grant-code-issued', at: NOW + i, clientId: 'c' });
  store.close();
}

/**
 * What every recovery must look like to the user: the damaged bytes moved, untouched, to the path the
 * report names; the report in plain words; and a working, empty workspace in its place.
 */
function expectQuarantined(damaged: Buffer, reason: RegExp): OpenedWorkspace {
  const result = openHere();
  if (!result.ok) throw new Error(`expected a recovery, got ${result.code}: ${result.message}`);
  const { recovered, store } = result.value;
  const quarantinedTo = `${file}.corrupt-${STAMP}`;
  expect(recovered).toMatchObject({ quarantinedTo });
  expect(recovered?.reason).toMatch(reason);
  expect(readFileSync(quarantinedTo).equals(damaged)).toBe(true);
  expect(recovered?.message).toBe(
    `Your workspace file was damaged (${recovered?.reason ?? ''}) and was moved to ${quarantinedTo}; ` +
      'a new empty workspace was started. Nothing was deleted.',
  );
  expect(store.ledger.count()).toBe(0);
  expect(store.clients.list()).toEqual([]);
  const version = new Database(file, { readonly: true });
  expect(version.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  version.close();
  return result.value;
}

describe('a damaged workspace file', () => {
  it('is moved aside with the same bytes when it is not a SQLite database at all', () => {
    const garbage = Buffer.from('Tokenbench? No: a shopping list. Eggs, milk, bread.\n'.repeat(200));
    writeFileSync(file, garbage);
    expectQuarantined(garbage, /^it is not a SQLite database$/);
  });

  it('moves its -wal and -shm with it, keeping their pairing by name', () => {
    const garbage = Buffer.from('not a database '.repeat(300));
    const wal = Buffer.from('a stray write-ahead log');
    writeFileSync(file, garbage);
    writeFileSync(`${file}-wal`, wal);
    const { recovered } = expectQuarantined(garbage, /not a SQLite database/);
    const target = `${file}.corrupt-${STAMP}`;
    expect(recovered?.movedFiles).toContain(`${target}-wal`);
    expect(readFileSync(`${target}-wal`).equals(wal)).toBe(true);
  });

  it('is moved aside when a real workspace was cut in half', () => {
    writeRealWorkspace();
    const whole = readFileSync(file);
    const half = whole.subarray(0, Math.floor(whole.length / 2));
    writeFileSync(file, half);
    expectQuarantined(half, /malformed, as if cut short|integrity check failed/);
  });

  it('is moved aside when SQLite’s integrity check finds broken pages', () => {
    writeRealWorkspace();
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const index = db
      .prepare<[], { rootpage: number }>(
        "SELECT rootpage FROM sqlite_master WHERE name = 'ledger_events_by_at'",
      )
      .get();
    db.close();
    const bytes = readFileSync(file);
    // The whole root page of an index: the table's rows stay intact, so the data is recoverable.
    const start = ((index?.rootpage ?? 2) - 1) * pageSize;
    bytes.fill(0x41, start, start + pageSize);
    writeFileSync(file, bytes);
    expectQuarantined(bytes, /^SQLite's integrity check failed: Tree \d+ page \d+/);
  });

  it('is moved aside when it claims schema version 1 but lacks the workspace tables', () => {
    const db = new Database(file);
    db.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value_json TEXT NOT NULL)');
    db.pragma('user_version = 1');
    db.close();
    expectQuarantined(readFileSync(file), /^its table "clients" is missing$/);
  });

  it('is moved aside when it is some other program’s SQLite database', () => {
    const db = new Database(file);
    db.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)');
    db.close();
    expectQuarantined(readFileSync(file), /not a Tokenbench workspace/);
  });
});

describe('an unreadable workspace file', () => {
  const isRoot = process.getuid?.() === 0;

  /** The typed error, naming the file and what to do; the file neither moved nor changed. */
  function expectUnreadable(result: unknown, before: Buffer): void {
    expect(result).toMatchObject({ ok: false, code: 'workspace_unreadable', path: file });
    const { message } = result as { message: string };
    expect(message).toContain(`Tokenbench cannot open its workspace file ${file} (permission denied)`);
    expect(message).toContain('Give your user read and write access to it');
    expect(message).toContain('The file was left unchanged.');
    expect(readdirSync(home)).toEqual(['workspace.db']);
    chmodSync(file, 0o600);
    expect(readFileSync(file).equals(before)).toBe(true);
  }

  it.skipIf(isRoot)(
    'is a typed error, not a quarantine (skipped as root: root ignores file permissions; see the next test)',
    () => {
      writeRealWorkspace();
      const before = readFileSync(file);
      chmodSync(file, 0o000);
      expectUnreadable(openHere(), before);
    },
  );

  it.runIf(isRoot)(
    'is a typed error, not a quarantine (as root: checked by a child running as uid 65534)',
    () => {
      writeRealWorkspace();
      const before = readFileSync(file);
      chmodSync(file, 0o000);
      for (const owned of [root, home, file]) chownSync(owned, NOBODY, NOBODY);
      const child = `
      const { openWorkspaceStore } = await import(${JSON.stringify(pathToFileURL(STORE_MODULE).href)});
      process.stdout.write(JSON.stringify(openWorkspaceStore({ home: ${JSON.stringify(home)} })));
    `;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], {
        cwd: REPO,
        uid: NOBODY,
        gid: NOBODY,
        env: { ...process.env, HOME: root },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(run.stderr).toBe('');
      expectUnreadable(JSON.parse(run.stdout), before);
    },
  );
});
