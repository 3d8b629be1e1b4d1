import type { TokenMeta } from './model';

/**
 * How far a token's `createdAt` can be trusted: `exact` when Tokenbench saw the DC issue it,
 * `estimated` for an imported access token (expiry minus Zoho's one-hour lifetime), `unknown` for an
 * imported refresh token, whose `createdAt` is only the bound the ledger needs (TokenOrigin).
 */
export type CreationCertainty = 'exact' | 'estimated' | 'unknown';

export function creationCertainty(meta: Pick<TokenMeta, 'origin'>): CreationCertainty {
  if (meta.origin === undefined) return 'exact';
  return meta.origin.createdAt === 'unknown' ? 'unknown' : 'estimated';
}
