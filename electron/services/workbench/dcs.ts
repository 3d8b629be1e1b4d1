import { parseServerOrigin, ZOHO_DCS, type DataCenter } from '../../../shared/dc/catalog';
import type { ParsedArgsOf } from '../../../shared/ipc/contract';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import { dcCatalog, type WorkbenchContext } from './context';
import { formError } from './form-error';

type DcInput = ParsedArgsOf<'dcs:add'>;

/** Zoho's nine, then the embedded sandbox's, then the user's own, in that order. */
export const listDcs = (ctx: WorkbenchContext): Ok<readonly DataCenter[]> => ok(dcCatalog(ctx).all);

/**
 * A user-defined DC (a private test server, a new region) needs no new release (zoho-oauth.md). The
 * store validates it against the whole catalog inside its write transaction; the sandbox's DCs are
 * passed as reserved so a custom one cannot shadow them.
 */
export function addDc(ctx: WorkbenchContext, input: DcInput): Ok<DataCenter> | Failure {
  const added = ctx.store.dcs.add(input, ctx.extraDcs());
  return added.ok ? added : formError(added.code, fieldOf(added.code, input), added.message);
}

/** Which input a refusal is about, so the form shows it there. */
function fieldOf(code: string, input: DcInput): keyof DcInput {
  if (code === 'invalid_dc_name') return 'name';
  if (code !== 'invalid_dc_url') return 'id';
  const urls = ['accountsUrl', 'apiDomain', 'developerApiDomain', 'sandboxApiDomain'] as const;
  return (
    urls.find((field) => {
      const value = input[field];
      return typeof value === 'string' && value.trim() !== '' && !parseServerOrigin(value, field).ok;
    }) ?? 'accountsUrl'
  );
}

/** Only user-defined DCs go; the store refuses while a client or environment still uses one. */
export function removeDc(ctx: WorkbenchContext, id: string): Ok<null> | Failure {
  const builtIn = [...ZOHO_DCS, ...ctx.extraDcs()].find((dc) => dc.id === id);
  if (builtIn !== undefined) {
    return fail('dc_not_removable', `"${builtIn.name}" is built into Tokenbench and cannot be removed.`);
  }
  return ctx.store.dcs.remove(id);
}
