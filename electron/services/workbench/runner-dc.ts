import { dcOfUrl } from '../../../shared/dc/host-dc';
import type { TokenDcCheck } from '../../../shared/ipc/env-status';
import { fail, type Failure } from '../../../shared/result';
import type { EnvironmentRecord } from '../../../shared/workspace/model';
import { dcCatalog, type WorkbenchContext } from './context';
import { currentLineage, TOKEN_KEYS } from './lineage';

export type TokenDcFailure = Failure<'token_dc_mismatch'> & { readonly detail: TokenDcCheck };

/**
 * A token works only at the DC that issued it, and a token sent elsewhere has left for a server that
 * has no business with it. When a request uses the environment's `access-token` or `refresh-token`
 * and its URL is another known DC's, the runner refuses before anything leaves; a host that is no
 * known DC's (a private server) is sent to, and the answer says so. Tokens whose DC is not known
 * (imported, typed in) are not judged.
 */
export function checkTokenDc(
  ctx: WorkbenchContext,
  env: EnvironmentRecord | null,
  usedNames: readonly string[],
  url: URL,
): TokenDcCheck | TokenDcFailure | null {
  if (env === null) return null;
  const variable = TOKEN_KEYS.find((key) => usedNames.includes(key));
  if (variable === undefined) return null;
  const tokenDcId = tokenDcOf(ctx, env);
  if (tokenDcId === null) return null;
  const catalog = dcCatalog(ctx);
  const hostDc = dcOfUrl(catalog.all, url);
  const hostDcId = hostDc?.id ?? null;
  const check: TokenDcCheck = { variable, tokenDcId, hostDcId, host: url.host };
  const tokenDc = catalog.byLocation(tokenDcId);
  // DCs sharing an accounts server share their tokens (zoho-oauth.md: three API domains per DC).
  if (hostDc === null || hostDcId === tokenDcId || hostDc.accountsUrl === tokenDc?.accountsUrl) return check;
  const tokenName = tokenDc?.name ?? tokenDcId;
  const hostName = hostDc.name;
  const home = tokenDc === undefined ? `${tokenName}'s API domain` : `${tokenName}'s ${tokenDc.apiDomain}`;
  return {
    ...fail(
      'token_dc_mismatch',
      `Not sent: {{${variable}}} of "${env.name}" was issued by ${tokenName}, and ${url.host} belongs to ${hostName}. A token works only at its own DC, so ${hostName} would answer INVALID_TOKEN and the token would have left for the wrong servers. Send it to ${home}, or run a consent at ${hostName} for a token of its own.`,
    ),
    detail: check,
  };
}

/** The DC of the environment's tokens: their lineage's, or that of the one known token they match. */
function tokenDcOf(ctx: WorkbenchContext, env: EnvironmentRecord): string | null {
  const lineage = currentLineage(ctx, env);
  if (lineage !== null) return lineage.dcId;
  if (env.clientRef === null) return null;
  const prints = new Set(
    env.variables
      .filter((v) => (TOKEN_KEYS as readonly string[]).includes(v.key) && v.fingerprint !== null)
      .map((v) => v.fingerprint),
  );
  const dcs = new Set(
    ctx.store.tokens
      .listByClient(env.clientRef)
      .filter((t) => prints.has(t.fingerprint))
      .map((t) => t.dcId),
  );
  const [only] = dcs;
  return dcs.size === 1 && only !== undefined ? only : null;
}
