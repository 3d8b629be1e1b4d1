import { zohoErrorFromWire } from '../errors/catalog';
import { ok, type Ok } from '../result';
import { parseObject, tokenFailure, type RawHttpAnswer, type TokenFailure } from './token-response';

/** Revoke answers `{"status":"success"}`; anything else, HTTP 200 included, is a failure. */
export function classifyRevokeResponse(answer: RawHttpAnswer): Ok<null> | TokenFailure {
  const json = parseObject(answer.body);
  if (json?.status === 'success') return ok(null);
  const wire = typeof json?.error === 'string' ? json.error : null;
  if (wire !== null) {
    const info = zohoErrorFromWire(wire);
    return tokenFailure(info.code, wire, `${info.title}: ${info.fix}`);
  }
  return tokenFailure(
    'http_error',
    null,
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
  const wire =
    typeof json?.code === 'string' ? json.code : typeof json?.error === 'string' ? json.error : null;
  if (wire !== null) {
    const info = zohoErrorFromWire(wire);
    return tokenFailure(info.code, wire, `${info.title}: ${info.fix}`);
  }
  return tokenFailure(
    'http_error',
    null,
    `The API answered HTTP ${answer.status}. Check the API domain and the token's scopes.`,
  );
}

const text = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
