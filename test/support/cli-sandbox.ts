/**
 * The CLI against a real sandbox DC, fresh per test: the sandbox's two DCs added with `dc add`
 * (loopback http is allowed for custom DCs, and their ids are the `location` the sandbox sends),
 * and at the end of the file a scan of every data folder and captured output for every secret the
 * sandbox minted or the keychain held.
 */
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/services/sandbox';
import { ADA, selfClientCode } from './sandbox-helpers';
import { freeRedirectUri } from './ports';
import { CliWorkspace, issuedSecrets, issuedSecretsDir, leaks } from './cli-harness';

export interface SandboxCli {
  readonly sandbox: SandboxHandle;
  readonly cli: CliWorkspace;
  /** Registers one of the sandbox's clients by name, its secret on standard input. */
  addClient(key: 'demo' | 'self' | 'device', env?: Readonly<Record<string, string>>): Promise<void>;
  /** "Generate Code" in the API console, for the self client and Ada. */
  selfClientCode(): Promise<string>;
}

export function useSandboxCli(): SandboxCli {
  const issuedDir = issuedSecretsDir();
  const seen = { secrets: new Set<string>(), texts: [] as { name: string; text: string }[] };
  let sandbox: SandboxHandle | undefined;
  let cli: CliWorkspace | undefined;
  const current = () => {
    if (sandbox === undefined || cli === undefined) throw new Error('only inside a test');
    return { sandbox, cli };
  };

  beforeEach(async () => {
    // The CLI runs on the real clock (Date.now), so the sandbox does too: no frozen `now` here.
    sandbox = await startSandbox({ redirectUri: await freeRedirectUri() });
    cli = new CliWorkspace();
    for (const dc of sandbox.dcs) {
      const urls = ['--accounts-url', dc.accountsUrl, '--api-domain', dc.apiDomain];
      urls.push('--developer-api-domain', dc.developerApiDomain ?? '');
      urls.push('--sandbox-api-domain', dc.sandboxApiDomain ?? '');
      const added = await cli.run(['dc', 'add', '--id', dc.id, '--name', dc.name, ...urls]);
      expect(added.code, added.stderr).toBe(0);
    }
  });

  afterEach(async () => {
    const { sandbox: s, cli: c } = current();
    // Keep what the scan needs before the keychain and the folder are cleaned.
    for (const value of (await c.keychain()).values()) seen.secrets.add(value);
    for (const client of Object.values(s.clients)) seen.secrets.add(client.clientSecret);
    seen.texts.push(...c.dataFiles().map((f) => ({ name: f.path, text: f.text })));
    seen.texts.push(...c.outputs.map((text, i) => ({ name: `${c.home} output ${String(i)}`, text })));
    await c.close();
    await s.close();
  });

  afterAll(() => {
    const all = new Set([...seen.secrets, ...issuedSecrets(issuedDir)]);
    expect(all.size).toBeGreaterThan(5);
    expect(leaks(all, seen.texts)).toEqual([]);
  });

  return {
    get sandbox() {
      return current().sandbox;
    },
    get cli() {
      return current().cli;
    },
    addClient: async (key, extraEnv) => {
      const { sandbox: s, cli: c } = current();
      const client = s.clients[key];
      const type =
        key === 'self'
          ? ['--type', 'self']
          : key === 'device'
            ? ['--type', 'device', '--multi-dc']
            : ['--redirect-uri', client.redirectUri ?? '', '--multi-dc'];
      const args = [
        'client',
        'add',
        '--name',
        key,
        '--dc',
        'sandbox-us',
        '--client-id',
        client.clientId,
        ...type,
      ];
      const added = await c.run(args, {
        input: `${client.clientSecret}\n`,
        ...(extraEnv === undefined ? {} : { env: extraEnv }),
      });
      expect(added.code, added.stderr).toBe(0);
    },
    selfClientCode: async () => {
      const s = current().sandbox;
      return (await selfClientCode(s, { userZuid: ADA, scope: 'AaaServer.profile.Read' })).code;
    },
  };
}

export const lines = (text: string): string[] => text.trimEnd().split('\n');
