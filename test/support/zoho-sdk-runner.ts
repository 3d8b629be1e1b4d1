/**
 * Runs Zoho's official SDKs 8.0 (devDependencies, exact versions) as a user's server would: a child
 * process per run (test/support/zoho-sdks/sdk-client.js), its secrets on stdin, its token store a
 * real FileStore CSV in a throwaway folder, pointed at the sandbox DC over real HTTP.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ZOHO_SDKS = [
  { name: 'the Node SDK', package: '@zohocrm/nodejs-sdk-8.0' },
  { name: 'the TypeScript SDK', package: '@zohocrm/typescript-sdk-8.0' },
] as const;
export type ZohoSdk = (typeof ZOHO_SDKS)[number];

export type SdkStep = 'users' | 'org' | 'revoke';

export interface SdkRun {
  readonly accountsUrl: string;
  readonly apiDomain: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken?: string;
  readonly accessToken?: string;
  readonly steps: readonly SdkStep[];
  /** The FileStore row id `OAuthToken.revoke(id)` is asked for. */
  readonly storeId?: string;
}

export interface SdkError {
  readonly name?: string;
  readonly code: string | null;
  readonly message: string | null;
  readonly details: unknown;
  readonly cause: { readonly name?: string; readonly message?: string } | null;
}

export interface SdkReport {
  readonly initialized?: boolean;
  readonly error?: SdkError;
  readonly steps: Readonly<Record<string, Record<string, unknown>>>;
}

const DRIVER = resolve('test/support/zoho-sdks/sdk-client.js');

/** One SDK, one token store: the folder a user's server would keep its `tokens.csv` in. */
export class SdkServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'tokenbench-sdk-'));
  readonly storeFile = join(this.dir, 'tokens.csv');

  constructor(readonly sdk: ZohoSdk) {}

  async run(input: SdkRun): Promise<SdkReport> {
    const child = spawn(process.execPath, [DRIVER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const payload = {
      ...input,
      package: this.sdk.package,
      storeFile: this.storeFile,
      resourcePath: this.dir,
    };
    child.stdin.end(JSON.stringify(payload));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    const line = out.trim().split('\n').at(-1) ?? '';
    if (code !== 0 || line === '') throw new Error(`${this.sdk.package} exited ${String(code)}: ${err}`);
    return JSON.parse(line) as SdkReport;
  }

  /** The FileStore's rows by column name (the Node SDK's header; the TypeScript SDK says user_mail). */
  rows(): Record<string, string>[] {
    const [header, ...lines] = readFileSync(this.storeFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    const names = (header ?? '').split(',');
    return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i] ?? `${i}`, v])));
  }

  /** Edits one column of every row, as a clock moving on would make the stored expiry near. */
  setColumn(name: string, value: string): void {
    const [header, ...lines] = readFileSync(this.storeFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    const index = (header ?? '').split(',').indexOf(name);
    if (index < 0) throw new Error(`no column ${name}`);
    const edited = lines.map((line) =>
      line
        .split(',')
        .map((v, i) => (i === index ? value : v))
        .join(','),
    );
    writeFileSync(this.storeFile, [header, ...edited].join('\n'));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
