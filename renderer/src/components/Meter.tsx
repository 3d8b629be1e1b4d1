interface MeterProps {
  readonly label: string;
  readonly used: number;
  readonly allowed: number;
  /** Shown under the bar: when the next slot frees, what the cap does next. */
  readonly note?: string;
}

/** used/allowed as a bar that turns amber near the limit and red at it. */
export function Meter({ label, used, allowed, note }: MeterProps) {
  const ratio = allowed === 0 ? 1 : Math.min(1, used / allowed);
  const tone = used >= allowed ? 'danger' : ratio >= 0.7 ? 'warn' : 'ok';
  return (
    <div className="meter">
      <div className="row">
        <span className="meter-label">{label}</span>
        <span className="spacer" />
        <span className={`meter-count meter-${tone}`}>
          {used}
          <span className="subtle"> / {allowed}</span>
        </span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={allowed}
        aria-valuenow={used}
        className="meter-track"
      >
        <div className={`meter-fill meter-fill-${tone}`} style={{ width: `${String(ratio * 100)}%` }} />
      </div>
      {note !== undefined && <span className="subtle meter-note">{note}</span>}
    </div>
  );
}
