import { useState } from 'react';
import { formatTime } from '../../components/Countdown';

/** "14:05" or "14:05:09", hours 0 to 23; null for anything else. */
export function parseClock(text: string): { h: number; m: number; s: number } | null {
  const match = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  if (match === null) return null;
  const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? '0')];
  return h < 24 && m < 60 && s < 60 ? { h, m, s } : null;
}

/** That clock time today, or yesterday if it would be in the future (a code made before midnight). */
function momentOf(clock: { h: number; m: number; s: number }, now: number): number {
  const d = new Date(now);
  d.setHours(clock.h, clock.m, clock.s, 0);
  return d.getTime() > now + 60_000 ? d.getTime() - 86_400_000 : d.getTime();
}

interface ClockFieldProps {
  readonly id: string;
  readonly label: string;
  readonly at: number;
  readonly onChange: (at: number) => void;
}

/**
 * A clock time typed on the 24-hour clock, as every time in Tokenbench is written. A native time
 * field follows the browser's locale, and in en-US Chromium draws it with AM/PM. A typo is said
 * next to the field and keeps the last good time.
 */
export function ClockField({ id, label, at, onChange }: ClockFieldProps) {
  // null while the field shows `at`; the typed text while the user edits it.
  const [typed, setTyped] = useState<string | null>(null);
  const invalid = typed !== null && parseClock(typed) === null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input mono clock-field"
        value={typed ?? formatTime(at)}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder="HH:MM:SS"
        aria-invalid={invalid}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setTyped(e.target.value);
          const clock = parseClock(e.target.value);
          if (clock !== null) onChange(momentOf(clock, Date.now()));
        }}
        onBlur={() => {
          if (!invalid) setTyped(null);
        }}
      />
      <span id={`${id}-hint`} className={invalid ? 'field-error-text' : 'hint'}>
        {invalid ? 'Use the 24-hour clock: 14:05 or 14:05:09.' : '24-hour clock'}
      </span>
    </div>
  );
}
