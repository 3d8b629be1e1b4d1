/**
 * A real MariaDB server for the token-store tests: Debian's `mariadb-server` binaries, a fresh data
 * directory in a temp folder, listening on 127.0.0.1 on a free port and on a socket in that folder,
 * started per test file and removed after. Nothing of the machine's own MariaDB is touched (no
 * --defaults: the system's my.cnf is never read). As root it runs with --user=root, which mariadbd
 * requires to start as root; its files stay in the temp folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { freePort } from './ports';

const SEARCH = [
  ...(process.env.PATH ?? '').split(delimiter),
  '/usr/sbin',
  '/usr/bin',
  '/usr/libexec',
  '/usr/local/sbin',
  '/usr/local/bin',
];

function findBinary(names: readonly string[]): string | undefined {
  for (const name of names)
    for (const dir of SEARCH) {
      const path = join(dir, name);
      if (dir !== '' && existsSync(path)) return path;
    }
  return undefined;
}

const SERVER = findBinary(['mariadbd', 'mysqld']);
const INSTALL = findBinary(['mariadb-install-db', 'mysql_install_db']);

/** Why the MariaDB tests cannot run here, or undefined when they can. */
export const mariadbSkipReason: string | undefined =
  SERVER === undefined || INSTALL === undefined
    ? `MariaDB is not installed (no ${SERVER === undefined ? 'mariadbd or mysqld' : 'mariadb-install-db'} on PATH or in /usr/sbin): the token-store tests are SKIPPED. Install Debian's mariadb-server: sudo apt-get install mariadb-server`
    : undefined;

if (mariadbSkipReason !== undefined) {
  // Loud on purpose: a skipped suite must not pass unnoticed.
  console.warn(`\n${'!'.repeat(100)}\n!! ${mariadbSkipReason}\n${'!'.repeat(100)}\n`);
}

/** The Node SDK's table, as its README's "MySQL Query" creates it. */
export const SDK_TABLE_SQL = (table = 'oauthtoken') => `CREATE TABLE ${table} (
  id varchar(10) NOT NULL,
  user_name varchar(255),
  client_id varchar(255),
  client_secret varchar(255),
  refresh_token varchar(255),
  access_token varchar(255),
  grant_token varchar(255),
  expiry_time varchar(20),
  redirect_url varchar(255),
  api_domain varchar(255),
  primary key (id)
)`;

export interface MariaDb {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly socket: string;
  /** Runs SQL as root over the socket. */
  query<T = RowDataPacket>(sql: string, values?: unknown[]): Promise<T[]>;
  /** A user of 127.0.0.1 with these privileges on `zohooauth.*`, and a random password. */
  addUser(name: string, privileges: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts a private server with the database `zohooauth` and the SDK's table in it, empty. */
export async function startMariaDb(): Promise<MariaDb> {
  if (SERVER === undefined || INSTALL === undefined) throw new Error(mariadbSkipReason);
  const dir = mkdtempSync(join(tmpdir(), 'tokenbench-mariadb-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'mysqld.sock');
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  const installed = spawnSync(
    INSTALL,
    [
      '--no-defaults',
      `--datadir=${data}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...asRoot,
    ],
    { encoding: 'utf8' },
  );
  if (installed.status !== 0) throw new Error(`${INSTALL} failed: ${installed.stderr || installed.stdout}`);
  const port = await freePort();
  const child = spawn(
    SERVER,
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--socket=${socket}`,
      `--port=${String(port)}`,
      '--bind-address=127.0.0.1',
      `--pid-file=${join(dir, 'mysqld.pid')}`,
      `--log-error=${join(dir, 'error.log')}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=32M',
      ...asRoot,
    ],
    { stdio: 'ignore' },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let admin: Connection;
  try {
    admin = await connectWhenReady(child, socket, join(dir, 'error.log'));
    await admin.query('CREATE DATABASE zohooauth');
    await admin.query(`USE zohooauth`);
    await admin.query(SDK_TABLE_SQL());
  } catch (error: unknown) {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    socket,
    query: async <T>(sql: string, values: unknown[] = []) => {
      const [rows] = await admin.query(sql, values);
      return rows as T[];
    },
    addUser: async (name, privileges) => {
      const password = `pw-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
      await admin.query(`CREATE USER ?@'127.0.0.1' IDENTIFIED BY ?`, [name, password]);
      await admin.query(`GRANT ${privileges} ON zohooauth.* TO ?@'127.0.0.1'`, [name]);
      return password;
    },
    close: async () => {
      await admin.end().catch(() => undefined);
      await stop(child);
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls the socket until the server answers; a server that exits first is reported with its log. */
async function connectWhenReady(child: ChildProcess, socket: string, log: string): Promise<Connection> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new Error(`mariadbd exited with ${String(child.exitCode)}:\n${tail}`);
    }
    try {
      return await createConnection({
        socketPath: socket,
        user: 'root',
        password: '',
        multipleStatements: false,
      });
    } catch (error: unknown) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
