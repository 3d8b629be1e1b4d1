/**
 * Zoho's SDKs writing and reading their FileStore in processes of their own, as on a user's server:
 * the Node.js and TypeScript SDKs' own FileStore classes (zoho-sdk-filestore.js), and the Python SDK's
 * csv calls (python-filestore.py: its package is not installable here, see that file).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SdkTokenRow } from '../../shared/filestore';

export type SdkName = 'node' | 'typescript' | 'python' | 'node-2.0';

/** A row as an SDK read it back, and whether its `findToken` finds the row by refresh token. */
export type SdkReadRow = SdkTokenRow & { readonly foundByRefreshToken?: boolean | null };

const NODE_SCRIPT = fileURLToPath(new URL('zoho-sdk-filestore.js', import.meta.url));
const PYTHON_SCRIPT = fileURLToPath(new URL('python-filestore.py', import.meta.url));

function run(sdk: SdkName, command: 'write' | 'read', file: string, input = ''): Promise<string> {
  const [program, args] =
    sdk === 'python'
      ? ['python3', [PYTHON_SCRIPT, command, file]]
      : [process.execPath, [NODE_SCRIPT, command, sdk, file]];
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(stdout);
      // The SDKs' errors may quote a row: only the first line of stderr, which names the failure.
      else
        reject(
          new Error(`${sdk} FileStore ${command} exited ${String(code)}: ${stderr.split('\n')[0] ?? ''}`),
        );
    });
    child.stdin.end(input);
  });
}

/** Saves each row with the SDK's FileStore, in order (ids the SDK numbers when a row has none). */
export async function sdkWrite(
  sdk: SdkName,
  file: string,
  rows: readonly Partial<SdkTokenRow>[],
): Promise<void> {
  await run(sdk, 'write', file, JSON.stringify(rows));
}

/** Every row as the SDK's FileStore reads it. */
export async function sdkRead(sdk: SdkName, file: string): Promise<SdkReadRow[]> {
  return JSON.parse(await run(sdk, 'read', file)) as SdkReadRow[];
}
