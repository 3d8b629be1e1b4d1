import { chmodSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const WORKSPACE_FILE = 'workspace.db';
const APP_FOLDER = 'Tokenbench';

export interface DataDirInputs {
  /** The CLI's `--home DIR`: wins over everything else. */
  readonly home?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly homedir?: string;
}

/**
 * Where the workspace lives, in one place so the app, the CLI and the tests agree:
 * the `home` option, else `$TOKENBENCH_HOME`, else the platform's per-user app-data folder.
 */
export function resolveDataDir(inputs: DataDirInputs = {}): string {
  const env = inputs.env ?? process.env;
  const platform = inputs.platform ?? process.platform;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const explicit = nonEmpty(inputs.home) ?? nonEmpty(env.TOKENBENCH_HOME);
  if (explicit !== undefined) return paths.resolve(explicit);
  return paths.join(appDataFolder(platform, env, inputs.homedir ?? homedir()), APP_FOLDER);
}

function appDataFolder(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string {
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support');
  if (platform === 'win32') return nonEmpty(env.APPDATA) ?? path.win32.join(home, 'AppData', 'Roaming');
  // XDG Base Directory spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  return xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.config');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Creates the data folder readable by its owner only: the workspace holds no secret, but client ids,
 * account labels and token history are nobody else's business. An existing folder is left as the
 * user set it up.
 */
export function ensureDataDir(dir: string): void {
  const firstCreated = mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered through the umask; chmod makes 0700 exact for the folder we created.
  if (firstCreated !== undefined && process.platform !== 'win32') chmodSync(dir, 0o700);
}

export function workspaceFilePath(dir: string): string {
  return path.join(dir, WORKSPACE_FILE);
}
