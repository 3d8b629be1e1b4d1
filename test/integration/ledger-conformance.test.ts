import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProposalAnswer } from '../../shared/limits/ledger';
import type { ClientRecord } from '../../shared/workspace/model';
import { secretAccount } from '../../electron/services/vault/account';
import { tokenHandlers } from '../../electron/services/workbench/handlers/tokens';
import { ADA, GRACE, mintSelfClientCode, withSandbox } from '../support/sandbox-helpers';
import { addSandboxClient, workbenchFixture, type Fixture } from '../support/workbench-fixture';
import { freeRedirectUri } from '../support/ports';
import type { SandboxHandle } from '../../electron/services/sandbox';

/**
 * The ledger predicts Zoho's limits; the sandbox enforces them, written independently. Random
 * sequences of exchanges, refreshes and waits, forced past the guard, must find them agreeing:
 * whatever the ledger allows the sandbox allows, whatever it says exceeds a rate the sandbox
 * refuses with Access Denied, and the tokens it says are evicted are the ones the sandbox kills.
 * (test/integration/guard-conformance.test.ts does the same through the guard, with consents,
 * cancels, revocations and tokens made elsewhere.)
 */
type Action =
  | { kind: 'exchange'; user: 'ada' | 'grace' }
  | { kind: 'refresh'; pick: number }
  | { kind: 'wait'; seconds: number };

// Biased toward what the limits are about: many refreshes of the same few refresh tokens, with
// waits short enough to fill a ten-minute window and long enough to let one slide.
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('exchange' as const),
      user: fc.constantFrom('ada' as const, 'grace' as const),
    }),
  },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('refresh' as const), pick: fc.nat(2) }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 10, max: 150 }) }),
  },
);

interface World {
  sandbox: SandboxHandle;
  fixture: Fixture;
  client: ClientRecord;
}

async function mintCode(world: World, user: string): Promise<string> {
  const body = await mintSelfClientCode(world.sandbox, { userZuid: user, scope: 'AaaServer.profile.Read' });
  return body.code ?? `denied:${body.error ?? '?'}`;
}

async function step(world: World, act: Action): Promise<void> {
  const { ctx } = world.fixture;
  const handlers = tokenHandlers(ctx);
  if (act.kind === 'wait') {
    world.sandbox.clock.advance(act.seconds * 1000);
    return;
  }
  const at = ctx.now();
  const live = ctx.store.tokens
    .listByClient(world.client.id)
    .filter((t) => t.kind === 'refresh' && ctx.ledger.ledger.tokenAt(t.id, at)?.status === 'active');
  if (act.kind === 'refresh' && live.length === 0) return;
  const userId = act.kind === 'exchange' ? (act.user === 'ada' ? ADA : GRACE) : '';
  const rt = live[act.kind === 'refresh' ? act.pick % live.length : 0];
  const proposal =
    act.kind === 'exchange'
      ? ({ kind: 'self-client-exchange', clientId: world.client.zohoClientId, userId } as const)
      : ({ kind: 'refresh', refreshTokenId: rt?.id ?? '' } as const);
  const predicted = ctx.ledger.ledger.check(proposal, at);
  if (act.kind === 'exchange') {
    // The code is minted first, as in the API console; the grant rule is the console's to enforce.
    const code = await mintCode(world, userId);
    if (code.startsWith('denied:')) return;
    const result = await handlers['tokens:exchange-code']({ clientRef: world.client.id, code, force: true });
    await compare(world, predicted, result, `exchange for ${act.user}`);
  } else {
    const result = await handlers['tokens:refresh']({
      clientRef: world.client.id,
      refreshTokenId: rt?.id,
      force: true,
    });
    await compare(world, predicted, result, `refresh of ${rt?.fingerprint ?? '?'}`);
  }
}

type TokenResult = Awaited<ReturnType<ReturnType<typeof tokenHandlers>['tokens:refresh']>>;

async function compare(
  world: World,
  predicted: ProposalAnswer,
  result: TokenResult,
  what: string,
): Promise<void> {
  if (predicted.verdict === 'rate-exceeded') {
    expect(result, `${what}: ledger said rate exceeded`).toMatchObject({
      ok: false,
      code: 'access_denied_limit',
    });
    return;
  }
  expect(
    result.ok,
    `${what}: ledger said ${predicted.verdict}, sandbox said ${result.ok ? 'ok' : result.code}`,
  ).toBe(true);
  if (!result.ok) return;
  // Ask the sandbox itself: what the ledger says was evicted must be dead there, and the oldest
  // access token the ledger still counts live under that refresh token must still work there.
  const evicted =
    predicted.verdict === 'allowed-with-evictions'
      ? predicted.evictions.flatMap((e) =>
          e.kind === 'refresh-token' ? e.accessTokenIds : [e.accessTokenId],
        )
      : [];
  for (const id of evicted)
    expect(await worksAtSandbox(world, id), `${what}: ${id} should be evicted`).toBe(false);
  const parent = result.value.accessToken.parentId;
  const oldest =
    parent === null
      ? null
      : world.fixture.ctx.ledger.ledger.liveAccessTokens(parent, world.fixture.ctx.now()).oldestLiveId;
  if (oldest !== null)
    expect(await worksAtSandbox(world, oldest), `${what}: ${oldest} should still be live`).toBe(true);
}

async function worksAtSandbox(world: World, accessTokenId: string): Promise<boolean> {
  const value = await world.fixture.ctx.vault.get(
    secretAccount({ kind: 'access-token', tokenId: accessTokenId }),
  );
  if (!value.ok || value.value === null) throw new Error(`no value for ${accessTokenId}`);
  const dc = world.sandbox.dcs[0];
  if (dc === undefined) throw new Error('no sandbox DC');
  return (await world.fixture.ctx.accounts.userInfo(dc, value.value)).ok;
}
describe('the ledger and the sandbox', () => {
  it('agree on every rate and eviction over random histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 30, maxLength: 120 }), async (actions) => {
        const sandbox = await withSandbox({ redirectUri: await freeRedirectUri() });
        const fixture = workbenchFixture(sandbox, () => Promise.resolve(undefined));
        try {
          const world: World = {
            sandbox,
            fixture,
            client: await addSandboxClient(fixture.ctx, sandbox, 'self'),
          };
          for (const act of actions) await step(world, act);
        } finally {
          await fixture.close();
          await sandbox.close();
        }
      }),
      { numRuns: 10 },
    );
  }, 120_000);
});
