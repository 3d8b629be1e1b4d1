/**
 * Issue 8 item 8: surprises in the data folder are said, never swallowed. Each test puts real files
 * in a real data folder and runs the real `tokenbench` as a child process on it.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../electron/services/store';
import { CliWorkspace } from '../support/cli-harness';

let cli: CliWorkspace;
let file: string;
beforeEach(() => {
  cli = new CliWorkspace();
  file = join(cli.home, 'workspace.db');
});
afterEach(() => cli.close());

describe('a zero-length workspace file', () => {
  it('is reported as damaged and moved aside, not quietly taken for a new workspace', async () => {
    writeFileSync(file, '');
    const listed = await cli.run(['client', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    const moved = readdirSync(cli.home).filter((name) => name.startsWith('workspace.db.corrupt-'));
    expect(moved).toHaveLength(1);
    const quarantinedTo = join(cli.home, moved[0] ?? '');
    expect(listed.stderr).toBe(
      `tokenbench: Your workspace file was damaged (it is empty, 0 bytes long) and was moved to ${quarantinedTo}; ` +
        'a new empty workspace was started. Nothing was deleted.\n',
    );
    expect(statSync(quarantinedTo).size).toBe(0);
    // The new workspace is whole and the report is made once, not on every later run.
    const again = await cli.run(['client', 'list']);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(statSync(file).size).toBeGreaterThan(0);
  });

  it('never appears while many runs create the same new workspace at once', async () => {
    const runs = await Promise.all(Array.from({ length: 6 }, () => cli.run(['client', 'list'])));
    for (const run of runs) expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(cli.home).filter((name) => name.includes('corrupt'))).toEqual([]);
  });
});

describe('a workspace of a newer schema', () => {
  it('is refused and left exactly as it was: no -wal or -shm appears beside it', async () => {
    const newer = SCHEMA_VERSION + 7;
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE from_the_future (id INTEGER PRIMARY KEY)');
    db.pragma(`user_version = ${newer}`);
    db.close();
    expect(readdirSync(cli.home)).toEqual(['workspace.db']);
    const before = readFileSync(file);

    const listed = await cli.run(['client', 'list']);
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain(
      `tokenbench: workspace_too_new: This workspace was written by a newer Tokenbench (schema ${newer})`,
    );
    expect(readdirSync(cli.home)).toEqual(['workspace.db']);
    expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`)).toBe(false);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
