import { fail } from '../../../../shared/result';
import { checkToken } from '../check';
import { findClient, findDc, isFailure, newId, type WorkbenchContext } from '../context';
import { keychainReady } from '../credentials';
import { exchangeGrantCode } from '../exchange';
import { getClientCredentialsToken } from '../client-credentials';
import { flowsOf } from '../flows';
import { clockTime } from '../../../../shared/words/time';
import { release, reserve } from '../reservations';
import { revokeRefreshToken } from '../revoke';
import { heldForCreation } from '../store-held';
import { UNKNOWN_USER } from '../../../../shared/workspace/model';
import type { Handlers } from './types';

type TokenHandlers = Pick<
  Handlers,
  'tokens:exchange-code' | 'tokens:client-credentials' | 'tokens:refresh' | 'tokens:revoke' | 'tokens:check'
>;

export function tokenHandlers(ctx: WorkbenchContext): TokenHandlers {
  const { refresher, unstored } = flowsOf(ctx);
  return {
    'tokens:exchange-code': (args) => exchangePastedCode(ctx, args),
    'tokens:client-credentials': (args) => getClientCredentialsToken(ctx, args, unstored.hold),
    'tokens:refresh': (args) => refresher.refresh(args),
    'tokens:revoke': (args) => revokeRefreshToken(ctx, args.refreshTokenId),
    'tokens:check': (args) => checkToken(ctx, args.tokenId),
  };
}

type ExchangeArgs = Parameters<TokenHandlers['tokens:exchange-code']>[0];

/**
 * A pasted grant code: a self client's from the API console (valid 3 to 10 minutes), or any
 * client's. It is exchanged at the client's own DC, where the console made it. The code was made
 * before Tokenbench saw it, so its grant is recorded now, which is as late as it can be counted.
 */
async function exchangePastedCode(ctx: WorkbenchContext, args: ExchangeArgs) {
  const client = findClient(ctx, args.clientRef);
  if (isFailure(client)) return client;
  const dc = findDc(ctx, client.dcId);
  if (isFailure(dc)) return dc;
  if (args.codeExpiresAt !== undefined && args.codeExpiresAt <= ctx.now()) {
    return fail(
      'grant_code_expired',
      `This grant code expired at ${clockTime(args.codeExpiresAt)}. Generate a new one in the Zoho API console and paste it within its validity.`,
    );
  }
  const held = await heldForCreation(ctx, client.zohoClientId, args.force, 'offline');
  const reserved = reserve(ctx, {
    held,
    proposal: { kind: 'self-client-exchange', clientId: client.zohoClientId, userId: UNKNOWN_USER },
    keys: [],
    flight: `exchange:${newId('flow')}`,
    force: args.force,
    lifetimeMs: 60_000,
    joinFinishedSince: null,
  });
  if (isFailure(reserved)) return reserved;
  const notReady = await keychainReady(ctx);
  if (notReady !== null) {
    release(ctx, reserved.id);
    return notReady;
  }
  return exchangeGrantCode(
    ctx,
    {
      client,
      dc,
      code: args.code,
      redirectUri: client.type === 'self' ? null : client.redirectUri,
      codeVerifier: null,
      scopes: [],
      environmentId: args.environmentId ?? null,
      crossDc: false,
      // Made in the console before Tokenbench saw it: counted now, as late as it can be.
      known: [{ type: 'grant-code-issued', at: ctx.now(), clientId: client.zohoClientId }],
    },
    reserved.id,
    flowsOf(ctx).unstored.hold,
  );
}
