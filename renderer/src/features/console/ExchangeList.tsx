import { useRef, useState, type KeyboardEvent } from 'react';
import { KIND_LABELS, OUTCOME_LABELS, type ExchangeSummary } from '../../../../shared/traffic/exchange';
import { Badge, type Tone } from '../../components/Badge';
import { formatTime } from '../../components/Countdown';
import { loadMore, openExchange, useConsole } from './console-store';

/** Fixed row height: the list draws only the rows in view, whatever the traffic holds. */
export const ROW_HEIGHT = 48;
const OVERSCAN = 8;
/** Read the next page when the view comes this close to the last row read. */
const PREFETCH_ROWS = 30;

export const OUTCOME_TONE: Record<ExchangeSummary['outcome'], Tone> = {
  ok: 'ok',
  error: 'danger',
  access_denied: 'danger',
  network: 'warn',
};

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/**
 * The exchanges, newest first, virtualised: only the rows in view (and a few around) are in the
 * page, and older pages are read as the view nears them (architecture.md, "Renderer").
 */
export function ExchangeList() {
  const rows = useConsole((s) => s.rows);
  const next = useConsole((s) => s.next);
  const selectedId = useConsole((s) => s.selectedId);
  const total = useConsole((s) => s.total);
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(480);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  if (next !== null && last > rows.length - PREFETCH_ROWS) void loadMore();

  const selectedIndex = rows.findIndex((r) => r.id === selectedId);
  const move = (e: KeyboardEvent) => {
    const delta = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (delta === 0) return;
    e.preventDefault();
    const index = Math.min(rows.length - 1, Math.max(0, selectedIndex + delta));
    const row = rows[index];
    if (row === undefined) return;
    void openExchange(row.id);
    const el = box.current;
    if (el === null) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };

  return (
    <div
      ref={box}
      className="xlist"
      role="listbox"
      aria-label="Exchanges, newest first"
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 ? `exchange-${String(selectedId)}` : undefined}
      onKeyDown={move}
      onScroll={(e) => {
        setScrollTop(e.currentTarget.scrollTop);
        setHeight(e.currentTarget.clientHeight);
      }}
    >
      <div style={{ height: (rows.length + (next === null ? 0 : 1)) * ROW_HEIGHT, position: 'relative' }}>
        {rows.slice(first, last).map((row, i) => (
          <ExchangeRow
            key={row.id}
            row={row}
            top={(first + i) * ROW_HEIGHT}
            position={first + i + 1}
            total={total}
            selected={row.id === selectedId}
          />
        ))}
        {next !== null && (
          <div className="xrow xrow-more subtle" style={{ top: rows.length * ROW_HEIGHT }}>
            <span className="spinner" aria-hidden="true" /> Reading older exchanges…
          </div>
        )}
      </div>
    </div>
  );
}

function ExchangeRow({
  row,
  top,
  position,
  total,
  selected,
}: {
  row: ExchangeSummary;
  top: number;
  position: number;
  total: number;
  selected: boolean;
}) {
  const outcome = row.zohoError === null ? OUTCOME_LABELS[row.outcome] : row.zohoError;
  return (
    <div
      id={`exchange-${String(row.id)}`}
      role="option"
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={total}
      className="xrow"
      style={{ top }}
      onClick={() => void openExchange(row.id)}
    >
      <span className="xrow-time">{formatTime(row.at)}</span>
      <span className="xrow-head">
        <span className="xrow-kind">{KIND_LABELS[row.kind]}</span>
        <span className="xrow-client">{row.clientName ?? 'no client'}</span>
      </span>
      <span className="xrow-outcome">
        <Badge tone={OUTCOME_TONE[row.outcome]}>{outcome}</Badge>
      </span>
      <span className="xrow-status">{row.status ?? '–'}</span>
      <span className="xrow-url" title={row.url}>
        <span className={`xrow-method method-${row.method}`}>{row.method}</span> {pathOf(row.url)}
      </span>
      <span className="xrow-ms">{row.durationMs} ms</span>
    </div>
  );
}
