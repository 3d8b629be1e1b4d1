import type { FailureFacts, ZohoAnswer } from '../result';
import { explainZoho, isZohoErrorCode, ZOHO_ERRORS, zohoErrorFromWire } from './zoho-errors';

/** What a shell says about a failure: a title, the cause and the fix, and the word to search for. */
export interface Explanation {
  readonly title: string;
  /** Null when the failure's message already says it (Tokenbench's own failures). */
  readonly cause: string | null;
  readonly fix: string | null;
  /** Zoho's `error` as sent when Zoho refused, else Tokenbench's code. */
  readonly label: string;
  readonly fromZoho: boolean;
}

/** Tokenbench's own failures that are not Zoho's: a title each; their messages carry the fix. */
const OWN_TITLES: Readonly<Record<string, string>> = {
  timeout: 'No answer in time',
  network_error: 'Could not reach the server',
  cancelled: 'Cancelled',
  grant_code_expired: 'Grant code expired',
  state_mismatch: 'Redirect from another attempt',
  callback_wrong_target: 'Not this client’s redirect',
  callback_malformed: 'Not a URL',
  unknown_dc: 'Unknown data center',
  dc_mismatch: 'Data center mix-up refused',
  wrong_client_type: 'Self clients have no consent page',
  unresolved_placeholder: 'Unknown variables',
  disconnected: 'Lost the connection to Tokenbench',
  signed_out: 'Not signed in to Tokenbench',
  sign_in_gone: 'Sign-in no longer running',
  superseded: 'Replaced by another sign-in',
  secret_not_found: 'Secret not in the keychain',
  limit_guard: 'Stopped by the limit guard',
  store_unreachable: 'Token store unreachable',
  store_access_denied: 'Token store refused the user',
  store_database_missing: 'No such database',
  store_table_missing: 'No such table',
  store_wrong_table: 'Not a Zoho SDK token table',
  store_rows_not_tokens: 'Rows that are not tokens',
  store_read_only: 'Token store is read-only',
  store_row_changed: 'The row changed since you confirmed',
  store_row_not_token: 'That row is not a token',
  store_password_missing: 'Database password not in the keychain',
  token_dc_mismatch: 'Not sent: the token belongs to another DC',
  environment_holds_tokens: 'The environment holds tokens of its DC',
};

/** Maps any failure onto the Zoho error catalog, by Zoho's own answer first, or onto a plain title. */
export function explainFailure(failure: FailureFacts): Explanation {
  const { zoho } = failure;
  if (zoho !== undefined) {
    const info = explainZoho(zohoErrorFromWire(zoho.error), failure.request);
    return { title: info.title, cause: info.cause, fix: info.fix, label: zoho.error, fromZoho: true };
  }
  if (isZohoErrorCode(failure.code) && failure.code !== 'unknown_zoho_error') {
    // A Zoho error recorded before its answer was kept as data (a token's last error).
    const info = explainZoho(ZOHO_ERRORS[failure.code], failure.request);
    return { title: info.title, cause: info.cause, fix: info.fix, label: info.wire, fromZoho: true };
  }
  const title = OWN_TITLES[failure.code] ?? sentenceOf(failure.code);
  return { title, cause: null, fix: null, label: failure.code, fromZoho: false };
}

const sentenceOf = (code: string): string => {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Zoho's answer quoted field by field, exactly as sent, for one line of text (the CLI). */
export function quoteZoho(zoho: ZohoAnswer): string {
  const parts = [`error ${JSON.stringify(zoho.error)}`];
  if (zoho.description !== null) parts.push(`error_description ${JSON.stringify(zoho.description)}`);
  if (zoho.status !== null) parts.push(`HTTP ${String(zoho.status)}`);
  return `Zoho answered ${parts.join(', ')}`;
}

/** A failure in one line: Tokenbench's words, then Zoho's own, as sent. */
export function failureSentence(failure: FailureFacts): string {
  if (failure.zoho === undefined) return failure.message;
  const why = explainFailure(failure);
  return `${why.title}: ${why.fix ?? failure.message} ${quoteZoho(failure.zoho)}.`;
}
