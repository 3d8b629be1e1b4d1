import type { ParsedArgsOf, ValueOf } from '../../../shared/ipc/contract';
import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { ExchangeDetail, ExchangeFilter } from '../../../shared/traffic/exchange';
import { toHar } from '../../../shared/traffic/har';
import type { WorkbenchContext } from './context';
import { TOKENBENCH_VERSION } from './environment-postman';

/** An export holds at most this many exchanges: a HAR is read whole by dev tools and Postman. */
export const HAR_EXPORT_CAP = 5000;

const filterOf = (args: ExchangeFilter): ExchangeFilter => ({
  clientRef: args.clientRef,
  kind: args.kind,
  outcome: args.outcome,
});

export function trafficPage(
  ctx: WorkbenchContext,
  args: ParsedArgsOf<'traffic:list'>,
): Ok<ValueOf<'traffic:list'>> {
  return ok(ctx.store.exchanges.page(filterOf(args), args.before ?? null, args.limit));
}

export function trafficExchange(ctx: WorkbenchContext, id: number): Ok<ExchangeDetail> | Failure {
  const found = ctx.store.exchanges.get(id);
  if (found !== undefined) return ok(found);
  const recorded = ctx.store.exchanges.totalsNow().count;
  return fail(
    'exchange_not_found',
    recorded === 0
      ? `Exchange #${String(id)} is not in the traffic console, which is empty: nothing was recorded in this workspace yet.`
      : `Exchange #${String(id)} is no longer in the traffic console: the oldest exchanges make room for new ones (it keeps the newest 100,000). Repeat the action to record a new one.`,
  );
}

/** The selection as HTTP Archive 1.2 text, already redacted (the records are). */
export function trafficHar(
  ctx: WorkbenchContext,
  args: ParsedArgsOf<'traffic:har'>,
): Ok<ValueOf<'traffic:har'>> {
  const exchanges =
    args.ids === undefined
      ? ctx.store.exchanges.details(filterOf(args), HAR_EXPORT_CAP)
      : args.ids.flatMap((id) => ctx.store.exchanges.get(id) ?? []);
  const total = args.ids === undefined ? ctx.store.exchanges.count(filterOf(args)) : exchanges.length;
  const stamp = new Date(ctx.now()).toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return ok({
    fileName: `tokenbench-${stamp}.har`,
    text: `${JSON.stringify(toHar(exchanges, TOKENBENCH_VERSION), null, 2)}\n`,
    count: exchanges.length,
    cappedAt: total > exchanges.length ? HAR_EXPORT_CAP : null,
  });
}
