/**
 * Errors cross every boundary as data with a stable snake_case code, never as thrown strings
 * (architecture.md, "One contract, several shells"): callers switch on `code`.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Failure<C extends string = string> = {
  readonly ok: false;
  readonly code: C;
  /** Plain words for a person: what went wrong and what to do. Never holds a secret. */
  readonly message: string;
};
export type Result<T, C extends string = string> = Ok<T> | Failure<C>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const fail = <C extends string>(code: C, message: string): Failure<C> => ({
  ok: false,
  code,
  message,
});
