import { formatTime } from '../../components/Countdown';

/**
 * A token's creation as the timeline and its cards say it: a time, an estimate (`~09:48`, an
 * imported access token: its expiry minus one hour) or "unknown" (an imported refresh token, drawn
 * at the latest moment the ledger could count it; docs/zoho-formats.md).
 */
export function createdLabel(
  token: { readonly createdAt: number; readonly createdCertainty?: 'estimated' | 'unknown' },
  /** For a table cell: `~09:48`, `unknown`. */
  short = false,
): string {
  if (token.createdCertainty === 'unknown') return short ? 'unknown' : 'unknown (imported from an SDK)';
  const time = formatTime(token.createdAt);
  if (token.createdCertainty === 'estimated') return short ? `~${time}` : `~${time} (estimated, imported)`;
  return time;
}
