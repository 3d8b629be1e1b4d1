/**
 * A keychain of a test's own: a private D-Bus session bus and an unlocked gnome-keyring on it, as
 * scripts/with-keyring.sh makes for the whole suite, but separate, so a test can freeze its Secret
 * Service (SIGSTOP), or lock it (a real refusal: "Cannot create an item in a locked collection"),
 * without stalling or locking the keychain every other test file uses at the same time.
 */
import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface PrivateKeyring {
  /** What a process needs in its environment to use this keychain. */
  readonly env: Readonly<Record<string, string>>;
  /** The gnome-keyring-daemon that answers as org.freedesktop.secrets on this bus. */
  readonly secretServicePid: number;
  freeze(): void;
  thaw(): void;
  /** Locks the login collection: writes are refused until `unlock`. */
  lock(): Promise<void>;
  /** Unlocks it with its password, as its prompt would (Debian's python3-dbus). */
  unlock(): Promise<void>;
  /** A value, read by a child process on this bus (null when absent). */
  read(service: string, account: string): Promise<string | null>;
  close(): void;
}

const PASSWORD = 'tokenbench';
const LOGIN = '/org/freedesktop/secrets/collection/login';
const UNLOCK_SCRIPT = fileURLToPath(new URL('keyring-unlock.py', import.meta.url));
const run = promisify(execFile);

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end).trim());
    });
    child.once('exit', (code) => {
      reject(new Error(`dbus-daemon exited (${String(code)}) before giving its address`));
    });
  });
}

/** The process that owns a bus name, as D-Bus itself says (no guessing by process name). */
function ownerPid(address: string, name: string): number | null {
  const asked = spawnSync(
    'dbus-send',
    [
      `--bus=${address}`,
      '--print-reply=literal',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.GetConnectionUnixProcessID',
      `string:${name}`,
    ],
    { encoding: 'utf8' },
  );
  const pid = /uint32 (\d+)/.exec(asked.stdout)?.[1];
  return asked.status === 0 && pid !== undefined ? Number(pid) : null;
}

export async function startPrivateKeyring(): Promise<PrivateKeyring> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenbench-keyring-'));
  const runtime = join(dir, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  const bus = spawn(
    'dbus-daemon',
    ['--session', '--nofork', '--nopidfile', `--address=unix:path=${join(dir, 'bus')}`, '--print-address=1'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const address = await firstLine(bus);
  const env = { DBUS_SESSION_BUS_ADDRESS: address, XDG_DATA_HOME: dir, XDG_RUNTIME_DIR: runtime };
  // --unlock reads the new keyring's password from stdin; --daemonize returns once it is on the bus.
  const said = execFileSync('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--daemonize'], {
    input: PASSWORD,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const control = /GNOME_KEYRING_CONTROL=(.*)/.exec(said)?.[1] ?? '';
  let pid: number | null = null;
  for (let tries = 0; pid === null && tries < 100; tries += 1) {
    pid = ownerPid(address, 'org.freedesktop.secrets');
    if (pid === null) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (pid === null) throw new Error('gnome-keyring-daemon never took org.freedesktop.secrets');
  const secretServicePid = pid;
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(secretServicePid, name);
    } catch {
      // Already gone.
    }
  };
  return {
    env: { ...env, GNOME_KEYRING_CONTROL: control },
    secretServicePid,
    freeze: () => {
      signal('SIGSTOP');
    },
    thaw: () => {
      signal('SIGCONT');
    },
    lock: async () => {
      const method = 'org.freedesktop.Secret.Service.Lock';
      const args = ['--dest=org.freedesktop.secrets', '--print-reply', '/org/freedesktop/secrets'];
      await run('dbus-send', [`--bus=${address}`, ...args, method, `array:objpath:${LOGIN}`]);
    },
    unlock: async () => {
      // The same daemon, unlocked: libsecret in a waiting process keeps its connection, as it does
      // when a person unlocks the keyring.
      await run('/usr/bin/python3', [UNLOCK_SCRIPT, PASSWORD], { env: { ...process.env, ...env } });
    },
    read: async (service, account) => {
      const code =
        'require("keytar").getPassword(process.argv[1], process.argv[2])' +
        '.then((v) => process.stdout.write(JSON.stringify(v)))';
      const { stdout } = await run(process.execPath, ['-e', code, service, account], {
        env: { ...process.env, ...env },
      });
      return JSON.parse(stdout) as string | null;
    },
    close: () => {
      signal('SIGCONT');
      signal('SIGTERM');
      bus.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
