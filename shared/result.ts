/**
 * Errors cross every boundary as data with a stable snake_case code, never as thrown strings
 * (architecture.md, "One contract, several shells"): callers switch on `code`. What a person reads
 * is made from that data in one place (shared/words); nothing parses a message back into meaning.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };

/** What Zoho answered, exactly as it answered it: its words are kept, never rewritten or folded into prose. */
export interface ZohoAnswer {
  /** Its `error` (an API's `code`): `invalid_code`, `Access Denied`, `INVALID_TOKEN`... */
  readonly error: string;
  /** Its `error_description` (an API's `message`); null when it sent none. */
  readonly description: string | null;
  /** The HTTP status it came with: 200 for the token endpoint's errors; null for a redirect's `error=`. */
  readonly status: number | null;
  /** Set when it came as an API's `code` and `message` rather than the accounts server's keys. */
  readonly style?: 'api';
}

/** What Tokenbench had asked when Zoho said no, so the words can name the cause that fits. */
export interface ZohoRequest {
  readonly kind:
    'authorize' | 'code-exchange' | 'refresh' | 'revoke' | 'api' | 'device' | 'client-credentials';
  /** The exchange carried a PKCE code_verifier (RFC 7636 §4.5). */
  readonly pkce?: boolean;
  /** The code came with the consent's redirect and was sent, once, this long after it arrived. */
  readonly codeAgeMs?: number;
}

export type Failure<C extends string = string> = {
  readonly ok: false;
  readonly code: C;
  /** Plain words for a person: what went wrong and what to do. Never holds a secret. */
  readonly message: string;
  /** Set when Zoho refused: its own answer, as sent. */
  readonly zoho?: ZohoAnswer;
  readonly request?: ZohoRequest;
  /** The traffic console's record of the exchange that failed, when one was sent (issue 10 part 5). */
  readonly exchangeId?: number;
};
export type Result<T, C extends string = string> = Ok<T> | Failure<C>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const fail = <C extends string>(code: C, message: string): Failure<C> => ({
  ok: false,
  code,
  message,
});

export type FailureFacts = Pick<Failure, 'code' | 'message' | 'zoho' | 'request' | 'exchangeId'>;

/** What a shell explains a failure from (code, words, Zoho's answer), without the rest of its object. */
export function failureFacts(failure: FailureFacts): FailureFacts {
  const { code, message, zoho, request, exchangeId } = failure;
  return {
    code,
    message,
    ...(zoho === undefined ? {} : { zoho }),
    ...(request === undefined ? {} : { request }),
    ...(exchangeId === undefined ? {} : { exchangeId }),
  };
}
