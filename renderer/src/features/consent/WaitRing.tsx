import { formatRemaining } from '../../components/Countdown';
import { useNow } from '../../stores/clock';

const R = 34;
const CIRCUMFERENCE = 2 * Math.PI * R;

/** A ring that empties as `until` nears, with the time left in the middle. */
export function WaitRing({ from, until, label }: { from: number; until: number; label: string }) {
  const now = useNow();
  // The shared clock ticks each second, so it may lag the start: never show more than the whole wait.
  const left = Math.min(until - from, Math.max(0, until - now));
  const fraction = until <= from ? 0 : left / (until - from);
  const tone = fraction < 0.2 ? 'danger' : fraction < 0.4 ? 'warn' : 'accent';
  return (
    <div className="wait-ring" role="timer" aria-label={`${label}: ${formatRemaining(left)} left`}>
      <svg viewBox="0 0 80 80" width="80" height="80" aria-hidden="true">
        <circle cx="40" cy="40" r={R} className="wait-ring-track" />
        <circle
          cx="40"
          cy="40"
          r={R}
          className={`wait-ring-fill wait-ring-${tone}`}
          strokeDasharray={CIRCUMFERENCE}
          strokeDashoffset={CIRCUMFERENCE * (1 - fraction)}
          transform="rotate(-90 40 40)"
        />
      </svg>
      <span className="wait-ring-time mono" aria-hidden="true">
        {formatRemaining(left)}
      </span>
    </div>
  );
}
