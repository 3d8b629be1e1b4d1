/**
 * Issue 8 item 4: a frozen keychain must not hold the CLI after it has said so. The keychain is real
 * and frozen for real: a private D-Bus session whose gnome-keyring-daemon gets SIGSTOP. The CLI's
 * keychain calls time out after 5 s and it prints that; before the fix, Node's exit then waited for
 * the native keytar call still blocked in a worker thread (D-Bus gives up after 25 s a message).
 *
 * No clock is compared: a reference process makes the same keytar call and exits at once, so it is
 * held exactly as the old CLI was. The CLI must be gone while the reference is still held; after
 * the keychain thaws, the reference ends by itself, which shows it was held by the keychain only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import { startSandbox, type SandboxHandle } from '../../electron/services/sandbox';
import { CliWorkspace, type CliResult } from '../support/cli-harness';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring';
import { ADA, selfClientCode } from '../support/sandbox-helpers';
import { freeRedirectUri } from '../support/ports';

const KEYTAR = createRequire(import.meta.url).resolve('keytar');

let keyring: PrivateKeyring;
let sandbox: SandboxHandle;
let cli: CliWorkspace;

beforeEach(async () => {
  keyring = await startPrivateKeyring();
  sandbox = await startSandbox({ redirectUri: await freeRedirectUri() });
  cli = new CliWorkspace();
  for (const dc of sandbox.dcs) {
    const urls = ['--accounts-url', dc.accountsUrl, '--api-domain', dc.apiDomain];
    expect((await run(['dc', 'add', '--id', dc.id, '--name', dc.name, ...urls])).code).toBe(0);
  }
  const self = sandbox.clients.self;
  const add = ['client', 'add', '--name', 'self', '--dc', 'sandbox-us', '--client-id', self.clientId];
  const added = await run([...add, '--type', 'self'], self.clientSecret);
  expect(added.code, added.stderr).toBe(0);
});

afterEach(async () => {
  keyring.close();
  await cli.close();
  await sandbox.close();
});

/** The CLI with this test's keychain. */
const run = (args: readonly string[], input?: string): Promise<CliResult> =>
  cli.run(args, { env: keyring.env, ...(input === undefined ? {} : { input }) });

const code = async (): Promise<string> => (await selfClientCode(sandbox, { userZuid: ADA })).code;

/** A process that reads the frozen keychain once and then exits at once, as the old CLI tried to. */
function heldReference(): { child: ChildProcess; exited: Promise<number | null> } {
  const script = `require(${JSON.stringify(KEYTAR)}).getPassword('Tokenbench-reference', 'probe').catch(() => {});
setTimeout(() => process.exit(0), 100);`;
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, ...keyring.env },
    stdio: 'ignore',
  });
  return { child, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

async function expectGoneWhileTheKeychainIsFrozen(args: readonly string[], input?: string): Promise<void> {
  keyring.freeze();
  const reference = heldReference();
  const result = await run(args, input);
  const referenceHeld = reference.child.exitCode === null && reference.child.signalCode === null;
  keyring.thaw();
  expect(result.code).toBe(1);
  expect(result.stderr.trimEnd().split('\n')).toEqual([
    expect.stringMatching(
      /^tokenbench: keychain_unavailable: .*Nothing was saved in plain text\. \(The keychain did not answer within 5 s\.\)$/,
    ),
  ]);
  expect(referenceHeld).toBe(true);
  expect(await reference.exited).toBe(0);
}

/** Long enough for the old CLI to end by itself (after D-Bus gave up), so it fails by assertion. */
const OLD_CLI_ENDS = 120_000;

describe('a frozen keychain', () => {
  it(
    'lets exchange exit right after it says the keychain did not answer',
    async () => {
      await expectGoneWhileTheKeychainIsFrozen(['exchange', '--client', 'self'], await code());
    },
    OLD_CLI_ENDS,
  );

  it(
    'lets refresh exit right after it says the keychain did not answer',
    async () => {
      const exchanged = await run(['exchange', '--client', 'self', '--json'], await code());
      expect(exchanged.code, exchanged.stderr).toBe(0);
      expect((JSON.parse(exchanged.stdout) as TokenOutcome).refreshToken).not.toBeNull();
      await expectGoneWhileTheKeychainIsFrozen(['refresh', '--client', 'self']);
    },
    OLD_CLI_ENDS,
  );
});
