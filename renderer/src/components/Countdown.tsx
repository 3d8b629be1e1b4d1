import { clockTime } from '../../../shared/words/time';
import { useNow } from '../stores/clock';

/** "1:42" style, or "expired". */
export function formatRemaining(ms: number): string {
  if (ms <= 0) return 'expired';
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** A live countdown to `until`; with a label it is an ARIA timer, which screen readers do not read every second. */
export function Countdown({ until, label }: { until: number; label?: string }) {
  const now = useNow();
  const left = until - now;
  return (
    <span
      className={`mono ${left <= 0 ? 'subtle' : ''}`}
      // A labelled countdown is a timer (WAI-ARIA); a bare <span> may not carry a label.
      role={label === undefined ? undefined : 'timer'}
      aria-label={label === undefined ? undefined : `${label}: ${formatRemaining(left)}`}
    >
      {formatRemaining(left)}
    </span>
  );
}

/**
 * 24-hour clock times everywhere ("14:05:09"): on the timeline, in warnings, in the inspector, and
 * as the main process and the CLI write them, from one function (shared/words/time.ts).
 */
export const formatTime = clockTime;

/** A date and a 24-hour time, for moments that may be days old. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.toLocaleDateString([], { year: 'numeric', month: 'short', day: 'numeric' })}, ${formatTime(ms)}`;
}
