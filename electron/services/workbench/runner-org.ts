import { apiEnvironmentOf } from '../../../shared/dc/catalog';
import type { TokenOrgCheck } from '../../../shared/ipc/env-status';
import { orgKey } from '../../../shared/workspace/identity';
import type { EnvironmentRecord, TokenMeta } from '../../../shared/workspace/model';
import { dcCatalog, type WorkbenchContext } from './context';
import { currentLineage } from './lineage';

/**
 * Before sending: when the request carries the environment's `access-token` and Tokenbench knows the
 * CRM org that token was issued for, which org this request goes to. The org was asked at the
 * token's API domain; another API domain of the same DC (developer, sandbox) serves another org
 * (zoho-oauth.md: the SDKs' PRODUCTION, DEVELOPER and SANDBOX environments), so the request is named
 * as reaching another org. A host of another DC is the DC check's business (runner-dc.ts).
 */
export function checkTokenOrg(
  ctx: WorkbenchContext,
  env: EnvironmentRecord | null,
  usedNames: readonly string[],
  url: URL,
): TokenOrgCheck | null {
  if (env === null || !usedNames.includes('access-token')) return null;
  const token = environmentAccessToken(ctx, env);
  const org = token?.identity?.org;
  if (token === undefined || org === undefined || org.state !== 'known') return null;
  const dc = dcCatalog(ctx).byLocation(token.dcId);
  if (dc === undefined) return null;
  const tokenEnvironment = apiEnvironmentOf(dc, safeOrigin(org.value.apiDomain)) ?? null;
  const hostEnvironment = apiEnvironmentOf(dc, url.origin) ?? null;
  if (hostEnvironment === null && url.origin !== safeOrigin(org.value.apiDomain)) return null;
  return {
    variable: 'access-token',
    tokenOrg: org.value,
    host: url.origin,
    tokenEnvironment,
    hostEnvironment,
    answeredOrg: null,
    otherOrg: hostEnvironment !== tokenEnvironment,
  };
}

/**
 * After the answer: an `/crm/vN/org` answer names the org the request reached, which settles it
 * (Zoho CRM "Organization API": `{ "org": [ { "id", "company_name", ... } ] }`).
 */
export function withAnsweredOrg(
  check: TokenOrgCheck | null,
  status: number,
  body: string,
): TokenOrgCheck | null {
  if (check === null || status !== 200) return check;
  const answered = orgNamedIn(body);
  if (answered === null) return check;
  return { ...check, answeredOrg: answered, otherOrg: answered.id !== orgKey(check.tokenOrg) };
}

function orgNamedIn(body: string): { id: string; name: string | null } | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || !('org' in json) || !Array.isArray(json.org)) return null;
  const first: unknown = json.org[0];
  if (typeof first !== 'object' || first === null || !('id' in first)) return null;
  const id = first.id;
  const name = 'company_name' in first && typeof first.company_name === 'string' ? first.company_name : null;
  return typeof id === 'string' || typeof id === 'number' ? { id: String(id), name } : null;
}

/** The access token the environment holds, by its lineage, else by its fingerprint among the client's. */
function environmentAccessToken(ctx: WorkbenchContext, env: EnvironmentRecord): TokenMeta | undefined {
  const lineage = currentLineage(ctx, env);
  if (lineage !== null) return ctx.store.tokens.get(lineage.accessTokenId);
  if (env.clientRef === null) return undefined;
  const print = env.variables.find((v) => v.key === 'access-token' && v.secret)?.fingerprint ?? null;
  if (print === null) return undefined;
  const matches = ctx.store.tokens
    .listByClient(env.clientRef)
    .filter((t) => t.kind === 'access' && t.fingerprint === print);
  return matches.length === 1 ? matches[0] : undefined;
}

function safeOrigin(text: string): string {
  try {
    return new URL(text).origin;
  } catch {
    return text;
  }
}
