import type { DevicePoll, DeviceProgress, DeviceStarted } from '../../shared/ipc/views';
import { qrText } from '../services/workbench/device-qr';
import { flowsOf } from '../services/workbench/flows';
import type { CommandInput, CommandSpec } from './args';
import { CommandFailure, EXIT } from './exit';
import { CLIENT_OPTION, ENV_OPTION, FORCE_OPTION, JSON_OPTION, scopesOf } from './options';
import { formatSpan, formatTime, type Io } from './output';
import { parseArgsOf, resolveClient, resolveOptionalEnvironment, withWorkbench } from './session';
import { listenForInterrupt } from './stops';
import { printOutcome } from './summary';
import { heldId, keepUntilStored } from './unstored';

/**
 * What the user needs, as soon as it exists: the URL and the code (on stdout, on stderr with --json
 * so stdout stays one JSON document), and the URL as a QR code for a phone when a person watches
 * (or --qr asks).
 */
async function showCode(io: Io, started: DeviceStarted, json: boolean, qr: boolean): Promise<void> {
  const say = (line: string): void => {
    if (json) io.err(line);
    else io.out(line);
  };
  say(`Open ${started.verificationUrl} and enter the code:`);
  say(`  ${started.userCode}`);
  say(
    `The code is valid until ${formatTime(started.expiresAt)}; Tokenbench polls every ${formatSpan(started.intervalMs)}, as Zoho asks.`,
  );
  if (qr) io.err(await qrText(started.verificationUrl));
}

/** One line per poll, with Zoho's word, so a support engineer sees what Zoho answered each time. */
function pollLine(poll: DevicePoll, progress: DeviceProgress, now: number): string {
  const heard =
    poll.answer === 'other_dc'
      ? `other_dc: the user is in ${poll.detail ?? '?'}; polling ${progress.dcId} from now on`
      : poll.answer;
  const next = progress.nextPollAt === null ? '' : ` (next poll in ${formatSpan(progress.nextPollAt - now)})`;
  return `poll ${String(poll.n)} at ${poll.dcId}: ${heard}${next}`;
}

async function device(input: CommandInput): Promise<number> {
  const { options, io } = input;
  const scopes = scopesOf(options.required('scope'));
  const json = options.flag('json');
  const qr = options.flag('qr') || (io.progress && !options.flag('no-qr'));
  const interrupt = listenForInterrupt();
  let flowId: string | null = null;
  const say = (line: string): void => {
    if (json) io.err(line);
    else io.out(line);
  };
  const onEvent = (event: string, payload: unknown): void => {
    if (event !== 'device:progress') return;
    const progress = payload as DeviceProgress;
    if (progress.flowId === flowId && progress.poll !== undefined)
      say(pollLine(progress.poll, progress, progress.at));
  };
  try {
    return await withWorkbench(
      input,
      async (wb) => {
        const client = await resolveClient(wb, options.required('client'));
        const env = await resolveOptionalEnvironment(wb, options.string('env'));
        const accessType = options.string('access-type') === 'online' ? 'online' : 'offline';
        const request = parseArgsOf('device:start', {
          clientRef: client.id,
          scopes,
          accessType,
          // As authorize: a refresh token every time, not only on the user's first consent.
          promptConsent: accessType === 'offline',
          environmentId: env?.id,
          force: options.flag('force'),
        });
        const flows = flowsOf(wb.ctx).device;
        const started = await flows.start(request);
        if (!started.ok) throw new CommandFailure(started);
        flowId = started.value.flowId;
        await showCode(io, started.value, json, qr);
        try {
          const result = await Promise.race([started.value.done, interrupt.interrupted]);
          const held = heldId(result);
          if (!result.ok && held === null) throw new CommandFailure(result);
          const outcome = result.ok
            ? result.value
            : await keepUntilStored(wb, held ?? '', io, result.message);
          printOutcome(io, outcome, client, json, wb);
          return EXIT.done;
        } finally {
          flows.cancel(started.value.flowId);
        }
      },
      undefined,
      onEvent,
    );
  } finally {
    interrupt.dispose();
  }
}

export const DEVICE: CommandSpec = {
  path: ['device'],
  summary: "sign in with Zoho's device flow: show a code, poll until the user approves, keep the tokens",
  notes: [
    'For a client registered as a Non-browser application. Prints the verification URL and the user',
    'code (on stderr with --json), then one line per poll with what Zoho answered. Polls no faster than',
    "the interval Zoho gives (30 s), never earning slow_down, and follows other_dc to the user's DC",
    'when that DC is in the catalog. Offline access sends prompt=consent, so a refresh token comes too.',
  ],
  options: {
    client: CLIENT_OPTION,
    scope: {
      type: 'string',
      value: 'S1,S2',
      required: true,
      help: 'comma-separated scopes, e.g. AaaServer.profile.Read (find more: tokenbench scopes --search WORDS)',
    },
    'access-type': {
      type: 'string',
      value: 'offline|online',
      choices: ['offline', 'online'],
      help: 'offline (default) also gives a refresh token',
    },
    qr: { type: 'boolean', help: 'print the URL as a QR code on stderr even when no terminal watches' },
    'no-qr': { type: 'boolean', help: 'no QR code, even at a terminal' },
    env: ENV_OPTION,
    force: FORCE_OPTION,
    ...JSON_OPTION,
  },
  run: device,
};
