import {
  KIND_LABELS,
  OUTCOME_LABELS,
  type ExchangeDetail,
  type HeaderPair,
} from '../../../../shared/traffic/exchange';
import { Badge } from '../../components/Badge';
import { formatDateTime } from '../../components/Countdown';
import { ZohoError } from '../../components/ZohoError';
import { useConsole } from './console-store';
import { OUTCOME_TONE } from './ExchangeList';

/** A JSON body indented for reading; anything else as it came. */
function readable(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const headerLines = (headers: readonly HeaderPair[]): string =>
  headers.map(([name, value]) => `${name}: ${value}`).join('\n');

/** The open exchange, raw: the request as sent and the answer as received, secrets masked. */
export function ExchangeView() {
  const detail = useConsole((s) => s.detail);
  const error = useConsole((s) => s.detailError);
  const selectedId = useConsole((s) => s.selectedId);
  if (error !== null) return <ZohoError error={error} />;
  if (selectedId === null)
    return <p className="empty">Pick an exchange to see the request Tokenbench sent and what came back.</p>;
  if (detail?.id !== selectedId)
    return (
      <p className="subtle" aria-busy="true">
        <span className="spinner" aria-hidden="true" /> Reading exchange #{selectedId}…
      </p>
    );
  return <Raw exchange={detail} />;
}

function Raw({ exchange }: { exchange: ExchangeDetail }) {
  const { request, response, network } = exchange;
  const sent = [`${exchange.method} ${exchange.url}`, headerLines(request.headers)]
    .filter(Boolean)
    .join('\n');
  return (
    <section className="card xview" aria-label={`Exchange #${String(exchange.id)}`}>
      <header className="card-header xview-head">
        <h2 className="card-title">
          #{exchange.id} {KIND_LABELS[exchange.kind]}
        </h2>
        <Badge tone={OUTCOME_TONE[exchange.outcome]}>
          {exchange.zohoError ?? OUTCOME_LABELS[exchange.outcome]}
        </Badge>
        <span className="subtle">
          {exchange.clientName ?? 'no client'} · {formatDateTime(exchange.at)} · {exchange.durationMs} ms
        </span>
      </header>
      <div className="card-body stack">
        <h3 className="xview-part">Request</h3>
        <pre className="xraw" aria-label="Request, raw">
          {sent}
          {request.body === null ? '' : `\n\n${request.body}`}
        </pre>
        <h3 className="xview-part">Response</h3>
        {response === null ? (
          <pre className="xraw xraw-none" aria-label="Response, raw">
            No answer: {network?.message ?? 'the request did not complete'}
            {network?.systemCode == null ? '' : ` (${network.systemCode})`}
          </pre>
        ) : (
          <pre className="xraw" aria-label="Response, raw">
            {`HTTP/1.1 ${String(exchange.status)} ${response.statusText}\n${headerLines(response.headers)}\n\n${readable(response.body)}`}
            {response.cut ? '\n… (cut: the record keeps the first 64 KB)' : ''}
          </pre>
        )}
        <p className="subtle xview-note">
          Client secrets, grant codes, tokens and Authorization headers show only their last four characters.
        </p>
      </div>
    </section>
  );
}
