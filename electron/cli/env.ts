import { readFile } from 'node:fs/promises';
import type { ImportOutcome } from '../../shared/ipc/import-outcome';
import type { EnvironmentStatus } from '../../shared/ipc/env-status';
import type { EnvironmentRecord } from '../../shared/workspace/model';
import { autoRefreshCell, tokensCell } from './env-words';
import type { CommandInput, CommandSpec } from './args';
import { CommandFailure, EXIT, UsageError } from './exit';
import { fail } from '../../shared/result';
import { JSON_OPTION } from './options';
import { NONE, printJson, table, type Io } from './output';
import { call, resolveEnvironment, withWorkbench } from './session';

function describe(env: EnvironmentRecord, clientName: string | undefined): string {
  const secrets = env.variables.filter((v) => v.secret && v.fingerprint !== null).length;
  return (
    `Imported environment "${env.name}" (${env.id}): ${env.variables.length} variables, ` +
    `${secrets} secret value${secrets === 1 ? '' : 's'} in the keychain; ` +
    `client ${clientName === undefined ? 'none' : `"${clientName}"`}, DC ${env.dcId ?? 'none'}.`
  );
}

/** A FileStore import: what it was read as, each environment, the clients, the tokens, the notes. */
function describeFileStore(outcome: ImportOutcome): string[] {
  const names = new Map(outcome.clients.map((c) => [c.id, c.name]));
  const clients = outcome.clients.map((c) => `"${c.name}" (${c.created ? 'added' : 'existing'})`);
  const { recorded, known } = outcome.tokens;
  return [
    `Read ${outcome.readAs}: ${outcome.environments.length} row${outcome.environments.length === 1 ? '' : 's'}.`,
    ...outcome.environments.map((env) =>
      describe(env, env.clientRef === null ? undefined : names.get(env.clientRef)),
    ),
    ...(clients.length === 0 ? [] : [`Clients: ${clients.join(', ')}.`]),
    `Tokens: ${recorded} added to the ledger (minted outside Tokenbench: creation times are estimates, see status), ${known} known already.`,
    ...outcome.notes.map((note) => `Note: ${note.message}`),
  ];
}

async function readEnvironmentFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error: unknown) {
    const reason = (error as { code?: unknown }).code === 'ENOENT' ? 'no such file' : String(error);
    throw new CommandFailure(fail('file_unreadable', `Cannot read ${file} (${reason}).`));
  }
}

async function importEnv(input: CommandInput): Promise<number> {
  const { options, io } = input;
  const text = await readEnvironmentFile(input.positional ?? '');
  return withWorkbench(input, async (wb) => {
    const outcome = await call(wb, 'environments:import-file', {
      text,
      name: options.string('name'),
      dcId: options.string('dc'),
    });
    const [env] = outcome.environments;
    // A Postman import prints its one environment, as it always has; a FileStore the whole outcome.
    if (options.flag('json')) printJson(io, outcome.format === 'postman' ? env : outcome);
    else if (outcome.format === 'filestore') io.out(describeFileStore(outcome).join('\n'));
    else if (env !== undefined) io.out(describe(env, outcome.clients[0]?.name));
    return EXIT.done;
  });
}

const importCommand: CommandSpec = {
  path: ['env', 'import'],
  summary: 'import a Postman environment or a Zoho SDK FileStore (secret values go to the keychain)',
  notes: [
    "Postman: Zoho's variables (client-id, client-secret, access-token, ...) are matched to a client and DC;",
    'variables named like secrets (token, secret, password, key, authorization, cookie) are kept as secrets.',
    'FileStore (the CSV the Node.js, TypeScript and Python SDKs write): one environment per row, its client',
    'found by client id and DC (from api_domain) or added, its tokens added to the ledger. --json prints',
    'the environment for Postman, the whole import (environments, clients, tokens, notes) for a FileStore.',
  ],
  positional: {
    name: 'FILE',
    help: 'a Postman environment (.postman_environment.json) or an SDK FileStore (CSV)',
  },
  options: {
    name: {
      type: 'string',
      value: 'NAME',
      help: "the environment's name (default: the file's, or the row's)",
    },
    dc: {
      type: 'string',
      value: 'ID',
      help: 'the DC of FileStore rows without api_domain (older SDKs write 9 columns)',
    },
    ...JSON_OPTION,
  },
  run: importEnv,
};

const SDKS = ['node', 'typescript', 'python'] as const;
const isSdk = (value: string): value is (typeof SDKS)[number] => (SDKS as readonly string[]).includes(value);

async function exportEnv(input: CommandInput): Promise<number> {
  const { options } = input;
  const format = options.string('format') ?? 'postman';
  const sdk = options.string('sdk');
  const includeSecrets = options.flag('include-secrets');
  if (format === 'postman' && sdk !== undefined) {
    throw new UsageError(
      '--sdk goes with --format filestore; a Postman environment is the same for every SDK',
    );
  }
  if (format === 'filestore') {
    if (sdk === undefined || !isSdk(sdk))
      throw new UsageError('--format filestore needs --sdk node, typescript or python');
    if (!includeSecrets) {
      throw new UsageError(
        '--format filestore needs --include-secrets: a FileStore is of no use to an SDK without the client secret and tokens, and holds them in plain text',
      );
    }
  }
  return withWorkbench(input, async (wb) => {
    const env = await resolveEnvironment(wb, options.required('env'));
    const file =
      format === 'filestore' && sdk !== undefined && isSdk(sdk)
        ? await call(wb, 'environments:export-filestore', { environmentId: env.id, sdk, includeSecrets })
        : await call(wb, 'environments:export-postman', { environmentId: env.id, includeSecrets });
    // io.out ends the text with \n: a Python FileStore's last CRLF stays whole, a Node one gains an LF its SDK skips.
    input.io.out(file.text.replace(/\n$/, ''));
    return EXIT.done;
  });
}

const exportCommand: CommandSpec = {
  path: ['env', 'export'],
  summary: 'print an environment as a Postman environment or as a Zoho SDK FileStore',
  notes: [
    'Postman: secret values are blank unless --include-secrets (then read from the keychain); client-id,',
    'accounts-url and client-secret come from the client and DC when the environment lacks them.',
    'FileStore: one row, byte for byte as the chosen SDK writes it; it needs --include-secrets.',
  ],
  options: {
    env: { type: 'string', value: 'NAME', required: true, help: 'the environment, by name (or id)' },
    format: {
      type: 'string',
      value: 'FORMAT',
      choices: ['postman', 'filestore'],
      help: 'postman (default) or filestore',
    },
    sdk: {
      type: 'string',
      value: 'SDK',
      choices: [...SDKS],
      help: 'with --format filestore: the SDK that reads the file (node, typescript, python)',
    },
    'include-secrets': { type: 'boolean', help: 'write the secret values too (you asked for them)' },
  },
  run: exportEnv,
};

function printEnvironments(
  io: Io,
  envs: readonly EnvironmentRecord[],
  statuses: readonly EnvironmentStatus[],
): void {
  if (envs.length === 0) {
    io.out('No environments yet: import one with tokenbench env import FILE.');
    return;
  }
  const rows = envs.map((e) => {
    const status = statuses.find((s) => s.environmentId === e.id);
    return [
      e.name,
      e.id,
      e.dcId ?? NONE,
      tokensCell(status),
      status === undefined ? (e.autoRefresh ? 'on' : 'off') : autoRefreshCell(status.autoRefresh),
    ];
  });
  io.out(table(['NAME', 'ID', 'DC', 'TOKENS', 'AUTO-REFRESH'], rows, io.style));
}

const list: CommandSpec = {
  path: ['env', 'list'],
  summary: 'list the environments, whose tokens they hold and what auto-refresh plans',
  notes: [
    'Auto-refresh runs in the app and in browser mode, not in this command; the AUTO-REFRESH column',
    'shows what they planned or decided, read from the workspace.',
  ],
  options: JSON_OPTION,
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const envs = await call(wb, 'environments:list', {});
      if (input.options.flag('json')) printJson(input.io, envs);
      else printEnvironments(input.io, envs, await call(wb, 'environments:status', {}));
      return EXIT.done;
    }),
};

const place: CommandSpec = {
  path: ['env', 'place'],
  summary: 'put an issued access token, with its refresh token, DC and expiry, into an environment',
  notes: [
    'The answer to "not placed": the environment held another lineage (another user or refresh',
    'token), so a refresh or consent left it alone. This replaces what it holds, as a whole.',
  ],
  options: {
    env: { type: 'string', value: 'NAME', required: true, help: 'the environment, by name (or id)' },
    'access-token': { type: 'string', value: 'ID', required: true, help: 'the access token, by id' },
    ...JSON_OPTION,
  },
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const env = await resolveEnvironment(wb, input.options.required('env'));
      const placed = await call(wb, 'environments:place-tokens', {
        environmentId: env.id,
        accessTokenId: input.options.required('access-token').trim(),
      });
      if (input.options.flag('json')) printJson(input.io, placed);
      else input.io.out(`Environment "${placed.name}" now holds that access token with its refresh token.`);
      return EXIT.done;
    }),
};

export const ENV_COMMANDS: readonly CommandSpec[] = [list, importCommand, exportCommand, place];
