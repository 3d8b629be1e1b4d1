import type { ClientType } from '../../shared/workspace/model';
import type { ClientRecord } from '../../shared/workspace/model';
import type { CommandInput, CommandSpec } from './args';
import { EXIT, UsageError } from './exit';
import { JSON_OPTION } from './options';
import { NONE, printJson, table, type Io } from './output';
import { call, withWorkbench } from './session';
import { readSecret } from './stdin';

function printClients(io: Io, clients: readonly ClientRecord[]): void {
  if (clients.length === 0) {
    io.out('No clients yet: add one with tokenbench client add.');
    return;
  }
  const rows = clients.map((c) => [
    c.name,
    c.type,
    c.dcId,
    c.zohoClientId,
    c.redirectUri ?? NONE,
    [c.multiDc ? 'multi-dc' : '', c.pkce ? 'pkce' : ''].filter(Boolean).join(',') || NONE,
    c.secretFingerprint ?? io.style.red('missing'),
  ]);
  io.out(table(['NAME', 'TYPE', 'DC', 'CLIENT ID', 'REDIRECT URI', 'OPTIONS', 'SECRET'], rows, io.style));
}

const list: CommandSpec = {
  path: ['client', 'list'],
  summary: 'list the clients (their secrets only as fingerprints)',
  options: JSON_OPTION,
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const clients = await call(wb, 'clients:list', {});
      if (input.options.flag('json')) printJson(input.io, clients);
      else printClients(input.io, clients);
      return EXIT.done;
    }),
};

/** The secret never travels in argv, where any local process can read it in the process list. */
async function secretFromStdin(input: CommandInput): Promise<string> {
  const secret = await readSecret(input.io, 'Client secret: ');
  if (secret.trim() === '')
    throw new UsageError(
      'the client secret is read from standard input, and none came: pipe it in, e.g. printf %s "$SECRET" | tokenbench client add ...',
    );
  return secret;
}

function redirectUriFor(input: CommandInput, type: ClientType): string | null {
  const uri = input.options.string('redirect-uri');
  if (type !== 'server' && uri !== undefined) {
    const what = type === 'self' ? 'a self client' : 'a non-browser (device) client';
    throw new UsageError(`${what} has no redirect URI: leave out --redirect-uri, or use --type server`);
  }
  return uri ?? null;
}

async function addClient(input: CommandInput): Promise<number> {
  const { options, io } = input;
  const chosen = options.string('type');
  const type: ClientType = chosen === 'self' || chosen === 'device' ? chosen : 'server';
  const redirectUri = redirectUriFor(input, type);
  const clientSecret = await secretFromStdin(input);
  return withWorkbench(input, async (wb) => {
    const client = await call(wb, 'clients:save', {
      name: options.required('name'),
      dcId: options.required('dc'),
      zohoClientId: options.required('client-id'),
      type,
      redirectUri,
      multiDc: options.flag('multi-dc'),
      pkce: options.flag('pkce'),
      revokeEndpoint: options.string('revoke-endpoint') === 'basic' ? 'basic' : 'sdk',
      clientSecret,
    });
    if (options.flag('json')) printJson(io, client);
    else
      io.out(
        `Added client "${client.name}" (${client.id}); its secret ${client.secretFingerprint ?? ''} is in the ${wb.ctx.vault.label}.`,
      );
    return EXIT.done;
  });
}

const add: CommandSpec = {
  path: ['client', 'add'],
  summary: 'add a client from the Zoho API console; its secret is read from standard input',
  notes: [
    'The client secret is read from standard input, never from an argument:',
    '  printf %s "$CLIENT_SECRET" | tokenbench client add --name crm --dc us --client-id 1000.ABC \\',
    '    --redirect-uri http://127.0.0.1:53682/callback',
    'At a terminal it asks for it without echo. It goes to the system keychain.',
  ],
  options: {
    name: { type: 'string', value: 'NAME', required: true, help: 'a name of your choice, unique' },
    dc: {
      type: 'string',
      value: 'ID',
      required: true,
      help: 'the DC the client is registered in (see dc list)',
    },
    'client-id': { type: 'string', value: 'ID', required: true, help: "Zoho's client id (1000.…)" },
    type: {
      type: 'string',
      value: 'server|self|device',
      choices: ['server', 'self', 'device'],
      help: 'client type (default server; device: a Non-browser application, for tokenbench device)',
    },
    'redirect-uri': {
      type: 'string',
      value: 'URI',
      help: 'server clients: exactly as registered, e.g. http://127.0.0.1:53682/callback',
    },
    'multi-dc': { type: 'boolean', help: 'multi-DC is enabled for it in the API console' },
    pkce: { type: 'boolean', help: 'send a PKCE code challenge (mobile/desktop clients)' },
    'revoke-endpoint': {
      type: 'string',
      value: 'sdk|basic',
      choices: ['sdk', 'basic'],
      help: "revoke with the SDKs' /oauth/v2/token/revoke (default) or /oauth/v2/revoke/token",
    },
    ...JSON_OPTION,
  },
  run: addClient,
};

export const CLIENT_COMMANDS: readonly CommandSpec[] = [list, add];
