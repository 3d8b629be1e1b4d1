import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type { KeytarModule } from './keytar-vault';

/**
 * keytar in a helper process of its own, for the shells that run under plain Node (the CLI, browser
 * mode). A keytar call blocks one of libuv's worker threads until the Secret Service answers, and
 * a frozen one never does: D-Bus gives up after 25 s per message. The vault stops waiting after its
 * timeout, but Node's exit joins every worker thread, so the process hung on after saying so (50 s
 * for `tokenbench exchange`, 27 s for `refresh`). Here only the helper is blocked; it is killed when
 * the process exits, which then exits at once.
 *
 * Values travel over the IPC pipe (never argv or the environment). The Electron shell keeps keytar
 * in its main process: its binary cannot run a Node script once the RunAsNode fuse is off.
 */

/** The helper: plain CommonJS for `node -e`, answering one message per call. */
const HELPER = `
let keytar, loadError;
try { keytar = require(process.env.TOKENBENCH_KEYTAR_PATH); } catch (error) { loadError = error; }
const ops = { get: 'getPassword', set: 'setPassword', delete: 'deletePassword' };
process.on('message', (m) => {
  Promise.resolve()
    .then(() => {
      if (loadError) throw new Error('The keychain library could not be loaded: ' + loadError.message);
      return keytar[ops[m.op]](...m.args);
    })
    .then(
      (value) => process.send({ id: m.id, ok: true, value: value === undefined ? null : value }),
      (error) => process.send({ id: m.id, ok: false, message: String((error && error.message) || error) }),
    );
});
process.on('disconnect', () => process.exit(0));
`;

type Op = 'get' | 'set' | 'delete';
interface Answer {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly message?: string;
}
interface Waiting {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** A KeytarModule whose calls run in a helper process; throws like keytar's loader when keytar is missing. */
export function keytarInChildProcess(): KeytarModule {
  const here = typeof __filename === 'string' ? __filename : import.meta.url;
  const keytarPath = createRequire(here).resolve('keytar');
  let helper: ChildProcess | null = null;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const stopped = (reason: string): void => {
    helper = null;
    for (const w of waiting.values()) w.reject(new Error(reason));
    waiting.clear();
  };

  function start(): ChildProcess {
    const child = spawn(process.execPath, ['-e', HELPER], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      env: { ...process.env, TOKENBENCH_KEYTAR_PATH: keytarPath, NODE_OPTIONS: '' },
    });
    const kill = (): void => {
      child.kill('SIGKILL');
    };
    process.once('exit', kill);
    child.on('message', (raw: Answer) => {
      const w = waiting.get(raw.id);
      waiting.delete(raw.id);
      if (waiting.size === 0) child.channel?.unref();
      if (raw.ok) w?.resolve(raw.value);
      else w?.reject(new Error(raw.message ?? 'the keychain call failed'));
    });
    child.once('error', (error) => {
      stopped(`the keychain helper could not run (${error.message})`);
    });
    child.once('exit', (code, signal) => {
      process.off('exit', kill);
      if (helper === child) stopped(`the keychain helper stopped (${signal ?? String(code)})`);
    });
    // Idle, the helper must not keep the process alive; a call in flight keeps its own timer.
    child.unref();
    child.channel?.unref();
    return child;
  }

  function call(op: Op, args: readonly string[]): Promise<unknown> {
    const child = (helper ??= start());
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      child.channel?.ref();
      child.send({ id, op, args });
    });
  }

  return {
    getPassword: async (service, account) => {
      const value = await call('get', [service, account]);
      return typeof value === 'string' ? value : null;
    },
    setPassword: async (service, account, password) => {
      await call('set', [service, account, password]);
    },
    deletePassword: async (service, account) => (await call('delete', [service, account])) === true,
  };
}
