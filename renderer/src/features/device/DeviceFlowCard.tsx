import type { DevicePoll, DeviceStarted, QrMatrix } from '../../../../shared/ipc/views';
import { Badge, type Tone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Countdown, formatTime } from '../../components/Countdown';
import { toast } from '../../stores/ui';
import { useWorkspace } from '../../stores/workspace';
import { FailureView } from '../consent/FailureView';
import { OutcomeCard } from '../consent/OutcomeCard';
import {
  cancelDevice,
  deviceOf,
  forceDevice,
  isPolling,
  resetDevice,
  startDevice,
  useDevice,
} from './device-store';

/** The right-hand card: nothing yet, the code with its polls, then the tokens or the failure explained. */
export function DeviceFlowCard({ clientRef }: { clientRef: string }) {
  const flow = useDevice(deviceOf(clientRef));
  const polling = isPolling(flow);
  const { started, progress, outcome, error, busy, lastStart } = flow;
  return (
    <section className="card flow-card" aria-labelledby="device-flow-title" aria-busy={busy}>
      <header className="card-header">
        <h2 id="device-flow-title" className="card-title">
          Device sign-in
        </h2>
        <span className="spacer" />
        {polling && started !== null && (
          <Button
            size="small"
            variant="danger"
            onClick={() => void cancelDevice(clientRef)}
            title="Stop polling"
          >
            Cancel
          </Button>
        )}
        {!polling && (started !== null || error !== null) && (
          <Button
            size="small"
            variant="ghost"
            onClick={() => {
              resetDevice(clientRef);
            }}
          >
            Clear
          </Button>
        )}
      </header>
      <div className="card-body stack flow-body">
        {started === null && error === null && !busy && <Idle />}
        {busy && (
          <p className="row muted" role="status">
            <span className="spinner" aria-hidden="true" /> Asking Zoho for a device code…
          </p>
        )}
        {started !== null && polling && <CodeView started={started} />}
        {started !== null && progress !== null && (
          <PollStatus
            started={started}
            polls={flow.polls}
            nextPollAt={progress.nextPollAt}
            dcId={progress.dcId}
          />
        )}
        {outcome !== null && progress?.step === 'done' && <OutcomeCard outcome={outcome} />}
        {error !== null && (
          <FailureView
            error={error}
            onForce={() => void forceDevice(clientRef)}
            actions={
              lastStart === null ? undefined : (
                <Button size="small" onClick={() => void startDevice({ ...lastStart, force: false })}>
                  Start again
                </Button>
              )
            }
          />
        )}
      </div>
    </section>
  );
}

/** The code large, where to type it, and the same address as a QR code for a phone. */
function CodeView({ started }: { started: DeviceStarted }) {
  const copy = (text: string, what: string) => {
    void navigator.clipboard.writeText(text).then(
      () => {
        toast('ok', `${what} copied`);
      },
      () => {
        toast('error', 'Could not copy', 'Your browser refused clipboard access.');
      },
    );
  };
  return (
    <div className="device-code">
      <div className="stack device-code-text">
        <span className="label" id="device-user-code-label">
          Enter this code
        </span>
        <output className="device-user-code mono" aria-labelledby="device-user-code-label">
          {started.userCode}
        </output>
        <span className="label">at</span>
        <code className="device-url">{started.verificationUrl}</code>
        <div className="row">
          <Button
            size="small"
            onClick={() => {
              copy(started.userCode, 'Code');
            }}
          >
            Copy code
          </Button>
          <Button
            size="small"
            onClick={() => {
              copy(started.verificationUrl, 'Address');
            }}
          >
            Copy address
          </Button>
        </div>
        <p className="muted">
          The code is valid for <Countdown until={started.expiresAt} label="Code valid for" /> (until{' '}
          {formatTime(started.expiresAt)}).
        </p>
      </div>
      <QrCode qr={started.qr} label={`QR code of ${started.verificationUrl}`} />
    </div>
  );
}

/** Drawn from the modules main computed: one path, dark on white whatever the theme (scanners need it). */
function QrCode({ qr, label }: { qr: QrMatrix; label: string }) {
  const quiet = 4;
  const side = qr.size + quiet * 2;
  return (
    <svg
      className="device-qr"
      viewBox={`${-quiet} ${-quiet} ${side} ${side}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect x={-quiet} y={-quiet} width={side} height={side} fill="#fff" />
      <path d={qr.path} fill="#000" />
    </svg>
  );
}

const ANSWER_TONE: Readonly<Record<string, Tone>> = {
  authorization_pending: 'neutral',
  slow_down: 'warn',
  other_dc: 'info',
  tokens: 'ok',
};

/** The countdown to the next poll, and every poll with what Zoho answered. */
function PollStatus({
  started,
  polls,
  nextPollAt,
  dcId,
}: {
  started: DeviceStarted;
  polls: readonly DevicePoll[];
  nextPollAt: number | null;
  dcId: string;
}) {
  const dcs = useWorkspace((s) => s.dcs);
  const dcName = (id: string): string => dcs.find((d) => d.id === id)?.name ?? id;
  return (
    <div className="stack device-polls">
      {nextPollAt !== null && (
        <p className="device-next" role="status">
          Next poll at {dcName(dcId)} in <Countdown until={nextPollAt} label="Next poll in" />
          <span className="subtle"> · every {Math.round(started.intervalMs / 1000)} s, as Zoho asks</span>
        </p>
      )}
      <table className="device-poll-table" aria-label="Polls">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">DC</th>
            <th scope="col">Zoho answered</th>
          </tr>
        </thead>
        <tbody>
          {polls.length === 0 && (
            <tr>
              <td colSpan={4} className="subtle">
                No poll yet: the first waits one interval.
              </td>
            </tr>
          )}
          {polls.map((p) => (
            <tr key={p.n}>
              <td className="mono">{p.n}</td>
              <td className="mono">{formatTime(p.at)}</td>
              <td>{dcName(p.dcId)}</td>
              <td>
                <Badge tone={ANSWER_TONE[p.answer] ?? 'danger'}>{p.answer}</Badge>
                {p.answer === 'other_dc' && p.detail !== null && (
                  <span className="subtle"> the user is in {dcName(p.detail)}: polling there</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Idle() {
  return (
    <div className="empty flow-idle">
      <p className="empty-title">No device sign-in in progress</p>
      <p className="subtle">
        Press <strong>Get a code</strong>. Tokenbench shows the code and Zoho&apos;s verification address (and
        a QR code for a phone), then polls at Zoho&apos;s interval and follows the user to their data center.
      </p>
    </div>
  );
}
