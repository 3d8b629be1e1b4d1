import type { CommandSpec } from './args';
import { EXIT } from './exit';
import { CLIENT_OPTION, ENV_OPTION, FORCE_OPTION, JSON_OPTION, scopesOf } from './options';
import { resolveClient, resolveOptionalEnvironment, withWorkbench } from './session';
import { printOutcome } from './summary';
import { callKeepingTokens } from './unstored';

/**
 * `tokenbench client-credentials`: Zoho's client credentials for a Self Client (its "Client
 * credentials flow" page). Nothing secret travels in argv: the client secret comes from the keychain.
 */
export const CLIENT_CREDENTIALS: CommandSpec = {
  path: ['client-credentials'],
  summary: 'get an access token for a Self Client with its id and secret (no user, no refresh token)',
  notes: [
    'Zoho answers one access token (an hour) and its api_domain, never a refresh token: run it again',
    'when the token expires. For a product where the client has several organizations (CRM orgs, Desk',
    'portals) Zoho needs --soid {service}.{zsoid}; without it it answers missing_org_info.',
    "Each token counts as one of the client's 10 grants per 10 minutes (Tokenbench's reading: Zoho's",
    'pages are silent); the limit guard refuses (exit 3) an 11th, --force overrides it.',
  ],
  options: {
    client: CLIENT_OPTION,
    scope: {
      type: 'string',
      value: 'S1,S2',
      required: true,
      help: 'comma-separated scopes, e.g. ZohoCRM.users.READ,ZohoCRM.org.READ',
    },
    soid: {
      type: 'string',
      value: 'SERVICE.ID',
      help: 'the organization, e.g. ZohoCRM.600123434 (needed where the product has several)',
    },
    env: ENV_OPTION,
    force: FORCE_OPTION,
    ...JSON_OPTION,
  },
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const { options } = input;
      const scopes = scopesOf(options.required('scope'), 'ZohoCRM.users.READ,ZohoCRM.org.READ');
      const client = await resolveClient(wb, options.required('client'));
      const env = await resolveOptionalEnvironment(wb, options.string('env'));
      const outcome = await callKeepingTokens(
        wb,
        'tokens:client-credentials',
        {
          clientRef: client.id,
          scopes,
          soid: options.string('soid') ?? null,
          environmentId: env?.id,
          force: options.flag('force'),
        },
        input.io,
      );
      printOutcome(input.io, outcome, client, options.flag('json'), wb);
      return EXIT.done;
    }),
};
