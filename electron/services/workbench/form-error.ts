import type { Failure } from '../../../shared/result';

/** A refusal a form shows next to one of its fields: `detail.field` names the input to fix. */
export type FormError<C extends string = string> = Failure<C> & {
  readonly detail: { readonly field: string };
};

export function formError<C extends string>(code: C, field: string, message: string): FormError<C> {
  return { ok: false, code, message, detail: { field } };
}
