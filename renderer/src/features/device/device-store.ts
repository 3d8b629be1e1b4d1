import { create } from 'zustand';
import type { ArgsOf } from '../../../../shared/ipc/contract';
import type { DevicePoll, DeviceProgress, DeviceStarted, TokenOutcome } from '../../../../shared/ipc/views';
import { api, toUiError, type UiError } from '../../api';

/**
 * Each Non-browser client's device sign-in, as its panel shows it: the code to type, the polls Zoho
 * answered, the next poll, and how it ended. Kept per client; the device code never comes here.
 */
export interface ClientDevice {
  readonly started: DeviceStarted | null;
  readonly progress: DeviceProgress | null;
  readonly polls: readonly DevicePoll[];
  readonly outcome: TokenOutcome | null;
  readonly error: UiError | null;
  readonly busy: boolean;
  /** The last start, so a guard refusal can be run again with force. */
  readonly lastStart: ArgsOf<'device:start'> | null;
}

export const IDLE_DEVICE: ClientDevice = {
  started: null,
  progress: null,
  polls: [],
  outcome: null,
  error: null,
  busy: false,
  lastStart: null,
};

interface DeviceState {
  readonly byClient: Readonly<Record<string, ClientDevice>>;
  /** Events of flows this page does not know yet (a start not answered yet, another tab's). */
  readonly early: Readonly<Record<string, readonly DeviceProgress[]>>;
}

export const useDevice = create<DeviceState>(() => ({ byClient: {}, early: {} }));

export const deviceOf =
  (clientRef: string) =>
  (s: DeviceState): ClientDevice =>
    s.byClient[clientRef] ?? IDLE_DEVICE;

export const isPolling = (d: ClientDevice): boolean =>
  d.busy || (d.started !== null && (d.progress === null || d.progress.step === 'polling'));

function update(clientRef: string, change: (d: ClientDevice) => Partial<ClientDevice>): void {
  useDevice.setState((s) => {
    const current = s.byClient[clientRef] ?? IDLE_DEVICE;
    return { byClient: { ...s.byClient, [clientRef]: { ...current, ...change(current) } } };
  });
}

/** Folds one progress event into a client's state. */
function applied(d: ClientDevice, p: DeviceProgress): Partial<ClientDevice> {
  const polls =
    p.poll === undefined || d.polls.some((x) => x.n === p.poll?.n) ? d.polls : [...d.polls, p.poll];
  return {
    progress: p,
    polls,
    outcome: p.outcome ?? d.outcome,
    error: p.error === undefined ? d.error : { code: p.error.code, message: p.error.message },
  };
}

export async function startDevice(args: ArgsOf<'device:start'>): Promise<void> {
  update(args.clientRef, () => ({ ...IDLE_DEVICE, busy: true, lastStart: args }));
  const started = await api.device.start(args);
  if (!started.ok) {
    update(args.clientRef, () => ({ busy: false, error: toUiError(started) }));
    return;
  }
  attach(started.value, [], null);
}

/** Shows a running flow under its client, with the polls it made so far and any events that came early. */
function attach(started: DeviceStarted, polls: readonly DevicePoll[], progress: DeviceProgress | null): void {
  const { [started.flowId]: early = [], ...rest } = useDevice.getState().early;
  useDevice.setState({ early: rest });
  update(started.clientRef, (d) => {
    let next: ClientDevice = { ...d, busy: false, started, polls, progress, outcome: null, error: null };
    for (const p of early) next = { ...next, ...applied(next, p) };
    return next;
  });
}

export function onDeviceProgress(progress: DeviceProgress): void {
  const { byClient } = useDevice.getState();
  const clientRef = Object.keys(byClient).find((ref) => byClient[ref]?.started?.flowId === progress.flowId);
  if (clientRef === undefined) {
    useDevice.setState((s) => ({
      early: { ...s.early, [progress.flowId]: [...(s.early[progress.flowId] ?? []), progress] },
    }));
    return;
  }
  update(clientRef, (d) => applied(d, progress));
}

/** After a reload (or in a second tab): the device sign-ins main still polls, shown again. */
export async function syncActiveDevices(): Promise<void> {
  const active = await api.device.active();
  if (!active.ok) return;
  for (const flow of active.value) {
    const { polls, progress, ...started } = flow;
    attach(started, polls, progress);
  }
}

export async function forceDevice(clientRef: string): Promise<void> {
  const last = useDevice.getState().byClient[clientRef]?.lastStart ?? null;
  if (last !== null) await startDevice({ ...last, force: true });
}

export async function cancelDevice(clientRef: string): Promise<void> {
  const flowId = useDevice.getState().byClient[clientRef]?.started?.flowId;
  if (flowId !== undefined) await api.device.cancel({ flowId });
}

export function resetDevice(clientRef: string): void {
  update(clientRef, () => ({ ...IDLE_DEVICE }));
}
