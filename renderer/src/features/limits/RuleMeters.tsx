import type { LiveTokens, RuleUsage } from '../../../../shared/limits/ledger-types';
import { Callout } from '../../components/Callout';
import { formatRemaining, formatTime } from '../../components/Countdown';
import { Meter } from '../../components/Meter';
import { useNow } from '../../stores/clock';

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

/** A rolling-window rule: used / allowed, and when the next slot frees (a live countdown). */
export function RateMeter({ label, usage }: { label: string; usage: RuleUsage }) {
  const now = useNow();
  const left = usage.allowed - usage.used;
  const note =
    usage.blockedUntil !== null && usage.blockedUntil > now
      ? `Blocked by Access Denied for ${formatRemaining(usage.blockedUntil - now)}`
      : usage.nextSlotAt !== null && usage.nextSlotAt > now
        ? `Next slot frees in ${formatRemaining(usage.nextSlotAt - now)}`
        : left > 0
          ? `${left} more allowed now`
          : 'A slot is freeing now';
  const among = [
    usage.inferred > 0 ? `${usage.inferred} made elsewhere (Zoho's Access Denied)` : '',
    usage.unconfirmed > 0 ? `${usage.unconfirmed} possibly made, answer never came` : '',
    usage.pending > 0 ? `${usage.pending} in flight` : '',
  ].filter((part) => part !== '');
  return (
    <Meter
      label={`${label} (${minutes(usage.windowMs)})`}
      used={usage.used}
      allowed={usage.allowed}
      note={among.length > 0 ? `${note} · of these: ${among.join(', ')}` : note}
    />
  );
}

/** A cap on live tokens, and what the next creation does when it is full. */
export function LiveMeter({
  label,
  live,
  evicts,
}: {
  label: string;
  live: LiveTokens;
  evicts: string | null;
}) {
  const room = live.maxAlive - live.live;
  const note = live.wouldEvictOnNext
    ? `Full: the next one evicts ${evicts ?? 'the oldest'}`
    : `${room} more before the oldest is evicted`;
  return <Meter label={label} used={live.live} allowed={live.maxAlive} note={note} />;
}

/** After Access Denied, Zoho refuses this kind of token until the block ends. */
export function BlockedCallout({ usage }: { usage: RuleUsage }) {
  const now = useNow();
  if (usage.blockedUntil === null || usage.blockedUntil <= now) return null;
  return (
    <Callout
      tone="danger"
      title={
        <>
          Zoho answered Access Denied; blocked until {formatTime(usage.blockedUntil)} (
          <span className="mono">{formatRemaining(usage.blockedUntil - now)}</span>)
        </>
      }
    >
      The limit guard holds back requests of this kind until then; asking Zoho earlier only meets the same
      answer.
    </Callout>
  );
}
