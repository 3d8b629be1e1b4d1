import { ok, type Ok, type ZohoAnswer } from '../result';
import {
  parseObject,
  tokenFailure,
  zohoAnswerOf,
  zohoFailure,
  type RawHttpAnswer,
  type TokenFailure,
} from './token-response';

/** Revoke answers `{"status":"success"}`; anything else, HTTP 200 included, is a failure. */
export function classifyRevokeResponse(answer: RawHttpAnswer): Ok<null> | TokenFailure {
  const json = parseObject(answer.body);
  if (json?.status === 'success') return ok(null);
  const zoho = zohoAnswerOf(json, 'error', 'error_description', answer.status);
  if (zoho !== null) return zohoFailure(zoho);
  return tokenFailure(
    'http_error',
    `Revoke was not confirmed (HTTP ${answer.status}). Check the token in the inspector and try again.`,
  );
}

export interface WhoAmI {
  readonly zuid: string | null;
  readonly email: string | null;
  readonly displayName: string | null;
}

/**
 * An API answer to a who-am-I call: `/oauth/user/info` (First_Name, Email, ZUID...) or CRM
 * CurrentUser (`users[0]`). An invalid token is HTTP 401 `{"code":"INVALID_TOKEN"}` (zoho-oauth.md).
 */
export function classifyWhoAmIResponse(answer: RawHttpAnswer): Ok<WhoAmI> | TokenFailure {
  const json = parseObject(answer.body);
  if (answer.status === 200 && json !== null) {
    const users = json.users;
    const user = Array.isArray(users) ? parseObject(JSON.stringify(users[0] ?? null)) : json;
    if (user !== null) {
      return ok({
        zuid: text(user.ZUID ?? user.zuid ?? user.id),
        email: text(user.Email ?? user.email),
        displayName: text(user.Display_Name ?? user.full_name),
      });
    }
  }
  const zoho = zohoApiAnswer(answer);
  if (zoho !== null) return zohoFailure(zoho);
  return tokenFailure(
    'http_error',
    `The API answered HTTP ${answer.status}. Check the API domain and the token's scopes.`,
  );
}

/** CRM's organization, as `/crm/v8/org` answers it: `{ "org": [ { id, company_name, zgid, type } ] }`. */
export interface CrmOrg {
  readonly id: string;
  readonly zgid: string | null;
  readonly name: string | null;
  readonly type: string | null;
}

/**
 * The Organization API's answer (Zoho CRM "Organization API"): the first entry of `org`. A refusal
 * (401 `OAUTH_SCOPE_MISMATCH`, `INVALID_TOKEN`) is Zoho's answer as data, like a who-am-I call's.
 */
export function classifyCrmOrgResponse(answer: RawHttpAnswer): Ok<CrmOrg> | TokenFailure {
  const json = parseObject(answer.body);
  const list = json?.org;
  const first = Array.isArray(list) ? parseObject(JSON.stringify(list[0] ?? null)) : null;
  const id = first === null ? null : text(first.id);
  if (answer.status === 200 && first !== null && id !== null) {
    return ok({ id, zgid: text(first.zgid), name: text(first.company_name), type: text(first.type) });
  }
  const zoho = zohoApiAnswer(answer);
  if (zoho !== null) return zohoFailure(zoho);
  return tokenFailure(
    'http_error',
    `The API answered HTTP ${answer.status} without an organization. Check the API domain and the token's scopes.`,
  );
}

/**
 * A Zoho API's refusal as data: `{"code":"INVALID_TOKEN","message":"invalid oauth token"}` (HTTP 401,
 * zoho-oauth.md "Calling APIs"), or the accounts server's `error` and `error_description`.
 */
export function zohoApiAnswer(answer: RawHttpAnswer): ZohoAnswer | null {
  const json = parseObject(answer.body);
  const accounts = zohoAnswerOf(json, 'error', 'error_description', answer.status);
  // A 2xx API answer may carry `code` too (CRM's "SUCCESS"); only a refusal's code is an error.
  const refused = answer.status < 200 || answer.status > 299;
  return accounts ?? (refused ? zohoAnswerOf(json, 'code', 'message', answer.status) : null);
}

const text = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
