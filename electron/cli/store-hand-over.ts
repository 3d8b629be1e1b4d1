import { fail } from '../../shared/result';
import type { HandOverPlan, StoreRowView } from '../../shared/stores/views';
import type { CommandSpec } from './args';
import { CommandFailure, EXIT, UsageError } from './exit';
import { CLIENT_OPTION, JSON_OPTION } from './options';
import { fields, formatSpan, formatTime, printJson, type Io } from './output';
import { call, pick, resolveClient, resolveRefreshToken, withWorkbench } from './session';
import { lineReader } from './stdin';

/** What a row holds now, in the words the confirmation uses. */
export function describeRow(row: StoreRowView): string {
  const who = row.user ?? 'no user';
  const token = row.refreshFingerprint ?? 'no refresh token';
  const origin =
    row.known === null
      ? 'minted elsewhere; it stays live at Zoho until revoked'
      : `Tokenbench's ${row.known.tokenId}, ${row.known.status}`;
  return `row ${row.rowId}: user ${who}, refresh token ${token} (${origin})`;
}

function printPlan(io: Io, plan: HandOverPlan, now: number): void {
  const access =
    plan.accessFingerprint === null || plan.expiresAt === null
      ? 'none live: the server refreshes first (one access token of the 10 per 10 minutes)'
      : `${plan.accessFingerprint}, expires ${formatTime(plan.expiresAt)} (in ${formatSpan(plan.expiresAt - now)})`;
  io.out(
    `Hand refresh token ${plan.refreshFingerprint} (${plan.refreshTokenId}) to token store "${plan.storeName}":`,
  );
  io.out(
    fields([
      [
        'replaces',
        plan.replaces === null ? `nothing: adds a row for user ${plan.userName}` : describeRow(plan.replaces),
      ],
      ['user', plan.userName],
      ['access', access],
      ['writes', plan.columns.join(', ')],
    ]),
  );
}

async function confirmed(io: Io, plan: HandOverPlan, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (io.stdin.isTTY !== true) return false;
  const what = plan.replaces === null ? 'Add the row' : `Replace row ${plan.replaces.rowId}`;
  process.stderr.write(`${what}? [y/N] `);
  const lines = lineReader(io);
  const answer = await lines.next();
  lines.close();
  return /^y(es)?$/i.test(answer?.trim() ?? '');
}

export const HAND_OVER: CommandSpec = {
  path: ['store', 'hand-over'],
  summary: "write one of the client's refresh tokens into a token store, after naming what it replaces",
  notes: [
    "The row of the token's user is replaced (the SDK finds a token by its user name), else one is added.",
    'It asks before writing; in a script, --yes confirms. The store must be writable (store add --writable).',
  ],
  positional: { name: 'STORE', help: 'the token store, by name (or id)' },
  options: {
    client: CLIENT_OPTION,
    'refresh-token': {
      type: 'string',
      value: 'ID',
      help: "the refresh token (default: the client's newest live one)",
    },
    user: {
      type: 'string',
      value: 'NAME',
      help: "the user name the server's SDK uses (default: the token's email)",
    },
    yes: { type: 'boolean', help: 'write without asking' },
    ...JSON_OPTION,
  },
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const { options, io } = input;
      const stores = await call(wb, 'stores:list', {});
      const store = pick(stores, input.positional ?? '', 'token store', 'tokenbench store list');
      const client = await resolveClient(wb, options.required('client'));
      const tokenRef = options.string('refresh-token');
      const token =
        tokenRef === undefined
          ? (await call(wb, 'tokens:list', { clientRef: client.id })).find(
              (t) => t.kind === 'refresh' && t.status === 'active',
            )
          : await resolveRefreshToken(wb, client, tokenRef);
      if (token === undefined) throw new UsageError(`client "${client.name}" has no live refresh token`);
      const args = { id: store.id, refreshTokenId: token.id, userName: options.string('user') };
      const plan = await call(wb, 'stores:plan-hand-over', args);
      if (!options.flag('json')) printPlan(io, plan, wb.ctx.now());
      if (!(await confirmed(io, plan, options.flag('yes')))) {
        const what = plan.replaces === null ? 'add the row' : `replace row ${plan.replaces.rowId}`;
        throw new CommandFailure(
          fail('not_confirmed', `Nothing was written. Run it again with --yes to ${what}.`),
        );
      }
      const replaces =
        plan.replaces === null
          ? null
          : { rowId: plan.replaces.rowId, refreshFingerprint: plan.replaces.refreshFingerprint };
      const done = await call(wb, 'stores:hand-over', { ...args, replaces });
      if (options.flag('json')) printJson(io, done);
      else io.out(`Wrote ${describeRow(done.row)} in "${store.name}".`);
      return EXIT.done;
    }),
};
