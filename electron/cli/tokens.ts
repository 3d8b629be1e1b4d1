import type { CommandInput, CommandSpec } from './args';
import { EXIT, UsageError } from './exit';
import { CLIENT_OPTION, ENV_OPTION, FORCE_OPTION, JSON_OPTION } from './options';
import { printJson } from './output';
import {
  call,
  resolveClient,
  resolveOptionalEnvironment,
  resolveRefreshToken,
  withWorkbench,
} from './session';
import { readSecret } from './stdin';
import { printOutcome } from './summary';
import { callKeepingTokens } from './unstored';

/**
 * The grant code is a secret for its few minutes of life: whoever reads it first gets the tokens.
 * In argv every local user can read it (ps, /proc/PID/cmdline), so it comes on standard input;
 * --code still works, with a warning, for scripts written before.
 */
async function grantCode(input: CommandInput): Promise<string> {
  const { options, io } = input;
  const given = options.string('code');
  if (given !== undefined) {
    io.err(
      'tokenbench: warning: --code shows the grant code to every user of this machine (ps); ' +
        'pipe it on standard input instead: printf %s "$CODE" | tokenbench exchange --client NAME',
    );
    return given;
  }
  const code = (await readSecret(io, 'Grant code: ')).trim();
  if (code === '')
    throw new UsageError(
      'the grant code is read from standard input, and none came: pipe it in, e.g. printf %s "$CODE" | tokenbench exchange --client NAME',
    );
  return code;
}

const exchange: CommandSpec = {
  path: ['exchange'],
  summary: "exchange a pasted grant code (a self client's from the API console, or any client's)",
  notes: [
    'The grant code is read from standard input, never from an argument:',
    '  printf %s "$CODE" | tokenbench exchange --client NAME',
    "At a terminal it asks for it without echo. The code is exchanged at the client's own DC;",
    'a grant code works once, within its validity.',
  ],
  options: {
    client: CLIENT_OPTION,
    code: {
      type: 'string',
      value: 'CODE',
      help: 'the grant code as an argument: discouraged, other local users can read it (ps)',
    },
    env: ENV_OPTION,
    force: FORCE_OPTION,
    ...JSON_OPTION,
  },
  run: async (input) => {
    const code = await grantCode(input);
    return withWorkbench(input, async (wb) => {
      const { options } = input;
      const client = await resolveClient(wb, options.required('client'));
      const env = await resolveOptionalEnvironment(wb, options.string('env'));
      const outcome = await callKeepingTokens(
        wb,
        'tokens:exchange-code',
        {
          clientRef: client.id,
          code,
          environmentId: env?.id,
          force: options.flag('force'),
        },
        input.io,
      );
      printOutcome(input.io, outcome, client, options.flag('json'), wb);
      return EXIT.done;
    });
  },
};

const refresh: CommandSpec = {
  path: ['refresh'],
  summary: 'get a new access token from a refresh token',
  notes: [
    "Without --refresh-token it uses the client's newest live refresh token.",
    'The limit guard refuses (exit 3) a refresh Zoho would answer with Access Denied, or one that',
    'would evict a live access token; it says when it will be allowed. --force overrides it.',
  ],
  options: {
    client: CLIENT_OPTION,
    'refresh-token': { type: 'string', value: 'ID', help: 'the refresh token, by id (see status)' },
    env: ENV_OPTION,
    force: FORCE_OPTION,
    ...JSON_OPTION,
  },
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const { options } = input;
      const client = await resolveClient(wb, options.required('client'));
      const tokenId = options.string('refresh-token');
      const token = tokenId === undefined ? undefined : await resolveRefreshToken(wb, client, tokenId);
      const env = await resolveOptionalEnvironment(wb, options.string('env'));
      const outcome = await callKeepingTokens(
        wb,
        'tokens:refresh',
        {
          clientRef: client.id,
          refreshTokenId: token?.id,
          environmentId: env?.id,
          force: options.flag('force'),
        },
        input.io,
      );
      printOutcome(input.io, outcome, client, options.flag('json'), wb);
      return EXIT.done;
    }),
};

const revoke: CommandSpec = {
  path: ['revoke'],
  summary: 'revoke a refresh token at Zoho (its access tokens die with it)',
  options: {
    client: CLIENT_OPTION,
    'refresh-token': {
      type: 'string',
      value: 'ID',
      required: true,
      help: 'the refresh token, by id (see status)',
    },
    ...JSON_OPTION,
  },
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const { options, io } = input;
      const client = await resolveClient(wb, options.required('client'));
      const token = await resolveRefreshToken(wb, client, options.required('refresh-token'));
      const before = await call(wb, 'tokens:list', { clientRef: client.id });
      const children = before
        .filter((t) => t.parentId === token.id && t.status === 'active')
        .map((t) => t.id);
      await call(wb, 'tokens:revoke', { refreshTokenId: token.id });
      if (options.flag('json')) printJson(io, { revoked: token.id, accessTokens: children });
      else
        io.out(
          `Revoked refresh token ${token.id} (${token.fingerprint}) of client "${client.name}"` +
            `, and with it ${children.length} live access token${children.length === 1 ? '' : 's'}.`,
        );
      return EXIT.done;
    }),
};

export const TOKEN_COMMANDS: readonly CommandSpec[] = [exchange, refresh, revoke];
