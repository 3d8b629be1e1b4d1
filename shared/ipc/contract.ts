import { z } from 'zod';
import { API_ENVIRONMENTS, type DataCenter } from '../dc/catalog';
import type { LimitProfile } from '../limits/profile';
import type { Proposal, ProposalAnswer } from '../limits/ledger-types';
import { MYSQL_IDENTIFIER, SDK_DB_DEFAULTS, type TokenStoreRecord } from '../stores/model';
import type { HandOverDone, HandOverPlan, HeldByStores, StoreRowsPage } from '../stores/views';
import type { ClientRecord, EnvironmentRecord } from '../workspace/model';
import type { ImportOutcome } from './import-outcome';
import { channel, noArgs, push, trusted } from './define';
import type { EnvironmentStatus, TokenDcCheck, TokenOrgCheck } from './env-status';
import type { TimelineSlice } from './timeline';
import {
  EXCHANGE_KINDS,
  EXCHANGE_OUTCOMES,
  type ExchangeDetail,
  type ExchangePage,
} from '../traffic/exchange';
import type {
  ActiveConsent,
  ActiveDevice,
  ConsentProgress,
  ConsentStarted,
  DeviceProgress,
  DeviceStarted,
  CurrentTokens,
  Inspection,
  LimitStatus,
  TokenOutcome,
  TokenRow,
  WhoAmICheck,
} from './views';

/**
 * The one IPC contract (architecture.md, "One contract, several shells"): `domain:verb` channels,
 * each with the schema of its arguments and the type of its value. The Electron shell registers it
 * with sender checks, the preload exposes it as `window.tokenbench`, the web host serves it over a
 * WebSocket, and a test keeps the three in step.
 */
const id = z.string().min(1).max(200);
const text = (max: number) => z.string().max(max);
const url = z.string().min(1).max(2048);
const force = z.boolean().default(false);

const clientInput = z.strictObject({
  id: id.optional(),
  name: z.string().trim().min(1).max(80),
  dcId: id,
  zohoClientId: z.string().trim().min(1).max(200),
  type: z.enum(['server', 'self', 'device']),
  redirectUri: url.nullable(),
  multiDc: z.boolean(),
  pkce: z.boolean(),
  revokeEndpoint: z.enum(['sdk', 'basic']),
  /** Only when the user typed a new one; it goes to the keychain, never to the store. */
  clientSecret: z.string().min(1).max(1000).optional(),
});

const jsonValue: z.ZodType = z.unknown();
const secretRef = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('client-secret'), clientRef: id }),
  z.strictObject({ kind: z.literal('token'), tokenId: id }),
  z.strictObject({ kind: z.literal('env-variable'), environmentId: id, key: text(200) }),
]);

const proposal = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('consent'),
    clientId: id,
    userId: id.optional(),
    accessType: z.enum(['offline', 'online']),
  }),
  z.strictObject({ kind: z.literal('refresh'), refreshTokenId: id }),
  z.strictObject({ kind: z.literal('self-client-exchange'), clientId: id, userId: id }),
]);

const mysqlName = (what: string) =>
  z.string().trim().regex(MYSQL_IDENTIFIER, `the ${what} must be 1 to 64 letters, digits, _ or $`);
/** A key of the SDK's table (`id varchar(10)`); wider in case a table was made otherwise. */
const rowId = z.string().min(1).max(255);
const storeUserName = z.string().trim().min(1).max(255);

const storeInput = z.strictObject({
  name: z.string().trim().min(1).max(80),
  host: z.string().trim().min(1).max(255).default(SDK_DB_DEFAULTS.host),
  port: z.number().int().min(1).max(65535).default(SDK_DB_DEFAULTS.port),
  database: mysqlName('database').default(SDK_DB_DEFAULTS.database),
  table: mysqlName('table').default(SDK_DB_DEFAULTS.table),
  user: z.string().trim().min(1).max(80),
  /** Goes to the keychain, never to the store; empty is the SDK's default (no password). */
  password: z.string().max(1000).default(''),
  writable: z.boolean().default(false),
});

const exchangeId = z.number().int().positive();
const exchangeFilter = {
  clientRef: id.optional(),
  kind: z.enum(EXCHANGE_KINDS).optional(),
  outcome: z.enum(EXCHANGE_OUTCOMES).optional(),
};

export const CONTRACT = {
  'dcs:list': channel(noArgs, trusted<readonly DataCenter[]>()),
  'dcs:add': channel(
    z.strictObject({
      id: text(32),
      name: text(64),
      accountsUrl: url,
      apiDomain: url,
      developerApiDomain: url.nullable().optional(),
      sandboxApiDomain: url.nullable().optional(),
    }),
    trusted<DataCenter>(),
  ),
  'dcs:remove': channel(z.strictObject({ id }), trusted<null>()),

  'clients:list': channel(noArgs, trusted<readonly ClientRecord[]>()),
  'clients:save': channel(clientInput, trusted<ClientRecord>()),
  'clients:remove': channel(z.strictObject({ id }), trusted<null>()),

  'environments:list': channel(noArgs, trusted<readonly EnvironmentRecord[]>()),
  'environments:save': channel(
    z.strictObject({
      id: id.optional(),
      name: z.string().trim().min(1).max(80),
      clientRef: id.nullable(),
      dcId: id.nullable(),
      /** Absent keeps the environment's choice (production for a new one). */
      apiEnvironment: z.enum(API_ENVIRONMENTS).optional(),
      autoRefresh: z.boolean(),
      /**
       * Moving an environment that holds tokens to another DC: a token works only at the DC that
       * issued it, so it cannot move along. 'refuse' (the default) answers environment_holds_tokens;
       * 'clear' moves it and empties its token variables (the tokens stay in the token list).
       */
      tokensOnDcChange: z.enum(['refuse', 'clear']).default('refuse'),
    }),
    trusted<EnvironmentRecord>(),
  ),
  /** Per environment: its DC, the lineage of its tokens and what auto-refresh will do (env-status.ts). */
  'environments:status': channel(noArgs, trusted<readonly EnvironmentStatus[]>()),
  /**
   * Puts an issued token set into an environment as a whole (access and refresh token, api-domain,
   * accounts-url, expiry-time and the DC), replacing whatever lineage it held: the answer to a
   * placement question.
   */
  'environments:place-tokens': channel(
    z.strictObject({ environmentId: id, accessTokenId: id }),
    trusted<EnvironmentRecord>(),
  ),
  'environments:set-variable': channel(
    z.strictObject({
      environmentId: id,
      key: z.string().trim().min(1).max(200),
      value: jsonValue,
      secret: z.boolean(),
      enabled: z.boolean().default(true),
    }),
    trusted<EnvironmentRecord>(),
  ),
  'environments:remove': channel(z.strictObject({ id }), trusted<null>()),
  'environments:import-postman': channel(
    z.strictObject({ text: z.string().max(5_000_000), name: text(80).optional() }),
    trusted<EnvironmentRecord>(),
  ),
  'environments:export-postman': channel(
    z.strictObject({ environmentId: id, includeSecrets: z.boolean().default(false) }),
    trusted<{ fileName: string; text: string }>(),
  ),
  /** A Postman environment or a Zoho SDK FileStore, told apart by content (docs/zoho-formats.md). */
  'environments:import-file': channel(
    z.strictObject({ text: z.string().max(5_000_000), name: text(80).optional(), dcId: id.optional() }),
    trusted<ImportOutcome>(),
  ),
  /** The environment as a one-row FileStore for the chosen SDK; refused without includeSecrets. */
  'environments:export-filestore': channel(
    z.strictObject({
      environmentId: id,
      sdk: z.enum(['node', 'typescript', 'python']),
      includeSecrets: z.boolean().default(false),
    }),
    trusted<{ fileName: string; text: string }>(),
  ),

  /** Explicit, one secret at a time; copying happens in main so the value need not enter the page. */
  'secrets:reveal': channel(z.strictObject({ ref: secretRef }), trusted<{ value: string }>()),
  'secrets:copy': channel(z.strictObject({ ref: secretRef }), trusted<null>()),

  'consent:start': channel(
    z.strictObject({
      clientRef: id,
      scopes: z.array(z.string().trim().min(1).max(200)).min(1).max(100),
      accessType: z.enum(['offline', 'online']),
      promptConsent: z.boolean(),
      environmentId: id.optional(),
      force,
    }),
    trusted<ConsentStarted>(),
  ),
  /** Manual mode: the URL the browser was redirected to, pasted by the user. */
  'consent:paste-url': channel(z.strictObject({ flowId: id, url }), trusted<TokenOutcome>()),
  'consent:cancel': channel(z.strictObject({ flowId: id }), trusted<null>()),
  /** The sign-ins still running, so a reloaded or reconnected page re-attaches instead of forgetting them. */
  'consent:active': channel(noArgs, trusted<readonly ActiveConsent[]>()),

  /** The device flow (Zoho, "Non-browser applications"): a user code to show, then polls in main. */
  'device:start': channel(
    z.strictObject({
      clientRef: id,
      scopes: z.array(z.string().trim().min(1).max(200)).min(1).max(100),
      accessType: z.enum(['offline', 'online']),
      promptConsent: z.boolean(),
      environmentId: id.optional(),
      force,
    }),
    trusted<DeviceStarted>(),
  ),
  'device:cancel': channel(z.strictObject({ flowId: id }), trusted<null>()),
  /** Device sign-ins still polling, so a reloaded page shows them again. */
  'device:active': channel(noArgs, trusted<readonly ActiveDevice[]>()),

  'tokens:list': channel(z.strictObject({ clientRef: id.optional() }), trusted<readonly TokenRow[]>()),
  'tokens:current': channel(z.strictObject({ clientRef: id }), trusted<CurrentTokens>()),
  'tokens:exchange-code': channel(
    z.strictObject({
      clientRef: id,
      code: z.string().trim().min(1).max(1000),
      /** When the self-client code was made, if known, so its remaining validity can be shown. */
      codeExpiresAt: z.number().int().positive().optional(),
      environmentId: id.optional(),
      force,
    }),
    trusted<TokenOutcome>(),
  ),
  /** Client credentials of a Self Client: one access token, no refresh token (Zoho, "Client credentials flow"). */
  'tokens:client-credentials': channel(
    z.strictObject({
      clientRef: id,
      scopes: z.array(z.string().trim().min(1).max(200)).min(1).max(100),
      /** `{service}.{zsoid}`; checked by the service, which says what to write instead. */
      soid: z.string().trim().min(1).max(200).nullable(),
      environmentId: id.optional(),
      force,
    }),
    trusted<TokenOutcome>(),
  ),
  'tokens:refresh': channel(
    z.strictObject({ clientRef: id, refreshTokenId: id.optional(), environmentId: id.optional(), force }),
    trusted<TokenOutcome>(),
  ),
  'tokens:revoke': channel(z.strictObject({ refreshTokenId: id }), trusted<null>()),
  'tokens:check': channel(z.strictObject({ tokenId: id }), trusted<WhoAmICheck>()),
  'tokens:inspect': channel(
    z.union([
      z.strictObject({ tokenId: id }),
      z.strictObject({ pasted: z.string().trim().min(4).max(1000) }),
    ]),
    trusted<Inspection>(),
  ),
  /** The token timeline: one client's tokens in a range of at most 31 days (shared/ipc/timeline.ts). */
  'tokens:timeline': channel(
    z
      .strictObject({ clientRef: id, from: z.number().int().nonnegative(), to: z.number().int().positive() })
      .refine(
        (a) => a.to > a.from && a.to - a.from <= 31 * 86_400_000,
        'to must follow from, within 31 days',
      ),
    trusted<TimelineSlice>(),
  ),

  /**
   * The request runner: `{{variables}}` filled from the environment (secrets from the keychain) and
   * sent from the main process; redirects are shown, not followed. No secret comes back.
   */
  'requests:send': channel(
    z.strictObject({
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      url: z.string().trim().min(1).max(8192),
      headers: z
        .array(z.strictObject({ key: text(256), value: text(8192), enabled: z.boolean() }))
        .max(100)
        .default([]),
      body: z.string().max(5_000_000).optional(),
      environmentId: id.optional(),
    }),
    trusted<{
      status: number;
      statusText: string;
      headers: readonly (readonly [string, string])[];
      /** Text, cut at 1 MB (`truncated`); secret values masked. */
      body: string;
      truncated: boolean;
      durationMs: number;
      /** The URL as sent, secret values masked. */
      resolvedUrl: string;
      /** The environment's token went out: its DC and the host's (a host of no known DC is allowed). */
      tokenDc: TokenDcCheck | null;
      /** The traffic console's record of it ("Show the exchange"); null when none was kept. */
      exchangeId: number | null;
      /** The environment's token has a known CRM org: whether this request reached another org. */
      tokenOrg: TokenOrgCheck | null;
    }>(),
  ),

  /** First run: a client and environment for the embedded sandbox DC's demo client, made once. */
  'sandbox:try': channel(noArgs, trusted<{ client: ClientRecord; environment: EnvironmentRecord }>()),
  /** Registers the sandbox's Self Client and opens its API console page, to make a code to paste. */
  'sandbox:self-client': channel(
    noArgs,
    trusted<{ client: ClientRecord; consoleUrl: string; browserProblem: string | null }>(),
  ),

  /** The traffic console (issue 10 part 5): recorded exchanges, a page at a time, newest first. */
  'traffic:list': channel(
    z.strictObject({
      ...exchangeFilter,
      before: exchangeId.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    trusted<ExchangePage>(),
  ),
  /** One exchange, raw (redacted): request and response headers and bodies. */
  'traffic:get': channel(z.strictObject({ id: exchangeId }), trusted<ExchangeDetail>()),
  /** HTTP Archive 1.2 of the filtered exchanges (or of `ids`), newest first up to the export's cap. */
  'traffic:har': channel(
    z.strictObject({ ...exchangeFilter, ids: z.array(exchangeId).max(1000).optional() }),
    trusted<{ fileName: string; text: string; count: number; cappedAt: number | null }>(),
  ),

  'limits:status': channel(z.strictObject({ clientRef: id.optional() }), trusted<LimitStatus>()),
  'limits:check': channel(z.strictObject({ proposal }), trusted<ProposalAnswer>()),
  'limits:profiles': channel(noArgs, trusted<{ active: string; profiles: readonly LimitProfile[] }>()),
  'limits:set-profile': channel(z.strictObject({ id }), trusted<LimitProfile>()),

  /**
   * Token stores: a server's Zoho SDK DBStore (MySQL or MariaDB), its rows read as tokens beside the
   * workspace's own. Read-only unless allowed; a hand-over writes one row after a confirmation.
   */
  'stores:list': channel(noArgs, trusted<readonly TokenStoreRecord[]>()),
  'stores:add': channel(storeInput, trusted<TokenStoreRecord>()),
  'stores:set-writable': channel(z.strictObject({ id, writable: z.boolean() }), trusted<TokenStoreRecord>()),
  'stores:remove': channel(z.strictObject({ id }), trusted<null>()),
  'stores:rows': channel(
    z.strictObject({ id, after: rowId.optional(), limit: z.number().int().min(1).max(200).default(50) }),
    trusted<StoreRowsPage>(),
  ),
  'stores:plan-hand-over': channel(
    z.strictObject({ id, refreshTokenId: id, userName: storeUserName.optional() }),
    trusted<HandOverPlan>(),
  ),
  /** `replaces`: the row the user confirmed replacing (null: a new row); refused if it changed since. */
  'stores:hand-over': channel(
    z.strictObject({
      id,
      refreshTokenId: id,
      userName: storeUserName.optional(),
      replaces: z.strictObject({ rowId, refreshFingerprint: text(20).nullable() }).nullable(),
    }),
    trusted<HandOverDone>(),
  ),
  /** What the stores add to each user's live refresh tokens, as the guard counts them. */
  'stores:held': channel(z.strictObject({ clientRef: id }), trusted<HeldByStores>()),
} as const;

export type Contract = typeof CONTRACT;
export type ChannelName = keyof Contract;
export type ArgsOf<C extends ChannelName> = z.input<Contract[C]['args']>;
export type ParsedArgsOf<C extends ChannelName> = z.output<Contract[C]['args']>;
export type ValueOf<C extends ChannelName> = z.output<Contract[C]['value']>;
export type ProposalInput = z.output<typeof proposal> & Proposal;

/** Main → page notifications; the page re-reads what changed. */
export const EVENTS = {
  'tokens:changed': push(z.strictObject({ clientRef: id.nullable() })),
  'environments:changed': push(z.strictObject({ environmentId: id.nullable() })),
  /** Auto-refresh planned, waited, refreshed or stopped: environments:status has the news. */
  'environments:status-changed': push(z.strictObject({ environmentId: id.nullable() })),
  'consent:progress': push(trusted<ConsentProgress>()),
  'device:progress': push(trusted<DeviceProgress>()),
  /** This process recorded an exchange (another process's show up on the next read). */
  'traffic:recorded': push(z.strictObject({ id: exchangeId })),
} as const;
export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]['payload']>;

export { CHANNEL_NAMES, EVENT_NAMES } from './names';
