import { readFile } from 'node:fs/promises';
import type { EnvironmentRecord } from '../../shared/workspace/model';
import type { CommandInput, CommandSpec } from './args';
import { CommandFailure, EXIT } from './exit';
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
    const env = await call(wb, 'environments:import-postman', { text, name: options.string('name') });
    if (options.flag('json')) printJson(io, env);
    else {
      const clients = await call(wb, 'clients:list', {});
      io.out(describe(env, clients.find((c) => c.id === env.clientRef)?.name));
    }
    return EXIT.done;
  });
}

const importCommand: CommandSpec = {
  path: ['env', 'import'],
  summary: 'import a Postman environment (secret values go to the keychain)',
  notes: ["Zoho's variables (client-id, client-secret, access-token, ...) are matched to a client and DC."],
  positional: { name: 'FILE', help: 'the Postman environment file (.postman_environment.json)' },
  options: {
    name: { type: 'string', value: 'NAME', help: "the environment's name (default: the file's)" },
    ...JSON_OPTION,
  },
  run: importEnv,
};

const exportCommand: CommandSpec = {
  path: ['env', 'export'],
  summary: 'print an environment as a Postman v2.1 environment file',
  notes: ['Secret values are blank unless --include-secrets: then they are read from the keychain.'],
  options: {
    env: { type: 'string', value: 'NAME', required: true, help: 'the environment, by name (or id)' },
    format: {
      type: 'string',
      value: 'postman',
      choices: ['postman'],
      help: 'the file format (only postman)',
    },
    'include-secrets': { type: 'boolean', help: 'write the secret values too (you asked for them)' },
  },
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const env = await resolveEnvironment(wb, input.options.required('env'));
      const file = await call(wb, 'environments:export-postman', {
        environmentId: env.id,
        includeSecrets: input.options.flag('include-secrets'),
      });
      input.io.out(file.text.replace(/\n$/, ''));
      return EXIT.done;
    }),
};

function printEnvironments(io: Io, envs: readonly EnvironmentRecord[]): void {
  if (envs.length === 0) {
    io.out('No environments yet: import one with tokenbench env import FILE.');
    return;
  }
  const rows = envs.map((e) => [
    e.name,
    e.id,
    e.dcId ?? NONE,
    String(e.variables.length),
    e.autoRefresh ? 'on' : 'off',
  ]);
  io.out(table(['NAME', 'ID', 'DC', 'VARIABLES', 'AUTO-REFRESH'], rows, io.style));
}

const list: CommandSpec = {
  path: ['env', 'list'],
  summary: 'list the environments',
  options: JSON_OPTION,
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const envs = await call(wb, 'environments:list', {});
      if (input.options.flag('json')) printJson(input.io, envs);
      else printEnvironments(input.io, envs);
      return EXIT.done;
    }),
};

export const ENV_COMMANDS: readonly CommandSpec[] = [list, importCommand, exportCommand];
