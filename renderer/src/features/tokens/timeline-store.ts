import { create } from 'zustand';
import type { TokenOutcome } from '../../../../shared/ipc/views';
import { api, toUiError, type UiError } from '../../api';
import { toast } from '../../stores/ui';
import { TimelineModel } from './timeline-model';
import { stepZoom, viewRange, zoomById, type TimeRange, type ZoomId } from './timeline-layout';

/**
 * The Tokens tab's state: the timeline model of the client in view (mutable, see timeline-model.ts;
 * components follow `version`), the zoom, the selection and the refresh/revoke in progress. Every
 * call to the main process goes through `api` here, never from a component.
 */
export type Selection = { readonly kind: 'bar' | 'lane'; readonly id: string };

export interface LaneAction {
  readonly kind: 'refresh' | 'revoke';
  readonly laneId: string;
  readonly busy: boolean;
  readonly error: UiError | null;
}

interface TimelineState {
  readonly clientRef: string | null;
  readonly status: 'loading' | 'ready' | 'error';
  readonly error: UiError | null;
  readonly version: number;
  readonly zoom: ZoomId;
  readonly view: 'timeline' | 'list';
  readonly selected: Selection | null;
  readonly action: LaneAction | null;
}

export const useTimeline = create<TimelineState>(() => ({
  clientRef: null,
  status: 'loading',
  error: null,
  version: 0,
  zoom: '1h',
  view: 'timeline',
  selected: null,
  action: null,
}));

let model = new TimelineModel('');
export const timelineModel = (): TimelineModel => model;

/** Fetches run one at a time; ranges asked for meanwhile are joined into the next one. */
let inFlight = false;
let pending: TimeRange | null = null;

function request(range: TimeRange): void {
  pending =
    pending === null
      ? range
      : { from: Math.min(pending.from, range.from), to: Math.max(pending.to, range.to) };
  if (!inFlight) void drain();
}

async function drain(): Promise<void> {
  inFlight = true;
  while (pending !== null) {
    const range = pending;
    pending = null;
    const target = model;
    const result = await api.tokens.timeline({
      clientRef: target.clientRef,
      from: Math.floor(range.from),
      to: Math.ceil(range.to),
    });
    if (target !== model) continue;
    if (!result.ok) {
      useTimeline.setState({ status: 'error', error: toUiError(result) });
      continue;
    }
    model.merge(result.value);
    useTimeline.setState({ status: 'ready', error: null, version: model.version });
  }
  inFlight = false;
}

/** The tab opened: a fresh model for a new client, or the current one brought up to date. */
export function showClient(clientRef: string): void {
  const range = viewRange(Date.now(), zoomById(useTimeline.getState().zoom));
  if (model.clientRef === clientRef && useTimeline.getState().status !== 'error') {
    // Back on the tab: catch up with what happened while no one listened, merged in place.
    request(range);
    return;
  }
  model = new TimelineModel(clientRef);
  pending = null;
  useTimeline.setState({
    clientRef,
    status: 'loading',
    error: null,
    version: 0,
    selected: null,
    action: null,
  });
  request(range);
}

/** While the Tokens tab shows `clientRef`: loads it and follows tokens:changed; returns the unsubscribe. */
export function followTimeline(clientRef: string): () => void {
  showClient(clientRef);
  return api.on('tokens:changed', followChanges);
}

/**
 * After tokens:changed for this client only what can have changed, the live tokens, is asked for
 * again. A change to every client (a new limit profile, a reconnect) re-reads the whole view.
 */
export function followChanges(change: { readonly clientRef: string | null }): void {
  if (model.clientRef === '' || (change.clientRef !== null && change.clientRef !== model.clientRef)) return;
  const now = Date.now();
  const zoom = zoomById(useTimeline.getState().zoom);
  request(change.clientRef === null ? viewRange(now, zoom) : { from: now - 10 * 60_000, to: now + 60_000 });
}

export function setZoom(zoom: ZoomId): void {
  useTimeline.setState({ zoom });
  const range = viewRange(Date.now(), zoomById(zoom));
  const covered = model.covered;
  if (covered === null || range.from < covered.from) request(range);
}

export function zoomBy(direction: 1 | -1): void {
  setZoom(stepZoom(useTimeline.getState().zoom, direction));
}

export function setView(view: 'timeline' | 'list'): void {
  useTimeline.setState({ view });
}

export function select(selected: Selection | null): void {
  useTimeline.setState({ selected, action: null });
}

/** Refreshes with one refresh token; the guard's refusal comes back as data, shown with "Run anyway". */
export async function refreshLane(laneId: string, force = false): Promise<void> {
  const clientRef = model.clientRef;
  useTimeline.setState({ action: { kind: 'refresh', laneId, busy: true, error: null } });
  const result = await api.tokens.refresh({ clientRef, refreshTokenId: laneId, force });
  if (!result.ok) {
    useTimeline.setState({ action: { kind: 'refresh', laneId, busy: false, error: toUiError(result) } });
    return;
  }
  useTimeline.setState({ action: null });
  toast('ok', 'Refreshed', describeOutcome(result.value));
}

export async function revokeLane(laneId: string): Promise<void> {
  useTimeline.setState({ action: { kind: 'revoke', laneId, busy: true, error: null } });
  const result = await api.tokens.revoke({ refreshTokenId: laneId });
  if (!result.ok) {
    useTimeline.setState({ action: { kind: 'revoke', laneId, busy: false, error: toUiError(result) } });
    return;
  }
  useTimeline.setState({ action: null });
  const fp = model.lane(laneId)?.lane.fingerprint ?? 'the refresh token';
  toast('ok', 'Revoked', `Refresh token ${fp} and its access tokens no longer work.`);
}

function describeOutcome(outcome: TokenOutcome): string {
  const evicted = outcome.evicted.length;
  const made = `New access token ${outcome.accessToken.fingerprint}.`;
  return evicted === 0 ? made : `${made} Zoho evicted ${evicted} older token${evicted === 1 ? '' : 's'}.`;
}
