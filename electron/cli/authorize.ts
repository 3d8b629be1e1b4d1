import type { ConsentStarted } from '../../shared/ipc/views';
import type { Failure } from '../../shared/result';
import type { ExchangeResult } from '../services/workbench/exchange';
import { CONSENT_WAIT_MS } from '../services/workbench/consent';
import type { BrowserOpener } from '../services/workbench/context';
import { flowsOf } from '../services/workbench/flows';
import type { Workbench } from '../services/workbench/workbench';
import { openInSystemBrowser } from '../services/system-browser';
import { parseSeconds, type CommandInput, type CommandSpec } from './args';
import { CommandFailure, EXIT } from './exit';
import { CLIENT_OPTION, ENV_OPTION, FORCE_OPTION, JSON_OPTION, scopesOf } from './options';
import { formatSpan, type Io } from './output';
import { pasteRedirects } from './paste';
import { listenForInterrupt, timeoutAfter } from './stops';
import { parseArgsOf, resolveClient, resolveOptionalEnvironment, withWorkbench } from './session';
import { printOutcome } from './summary';
import { heldId, keepUntilStored } from './unstored';

/** The loopback listener gives up after CONSENT_WAIT_MS itself, so a longer wait would not help. */
const MAX_TIMEOUT_SECONDS = CONSENT_WAIT_MS / 1000;

/**
 * The URL goes to stdout on its own line as soon as it exists (to stderr with --json, so stdout
 * stays one JSON document). The system browser is started detached; if it cannot start, the user
 * still has the URL, so that is only a note.
 */
function urlOpener(io: Io, open: boolean, json: boolean): BrowserOpener {
  return (url) => {
    if (json) io.err(url);
    else io.out(url);
    if (open)
      void openInSystemBrowser(url).then((problem) => {
        if (problem !== null) io.err(`tokenbench: note: ${problem.message} Open the URL above yourself.`);
      });
    return Promise.resolve(undefined);
  };
}

/**
 * The flow's own end (tokens or Zoho's refusal) races the timeout, Ctrl+C and, in manual mode, the
 * end of standard input. Whichever wins, the flow is cancelled after (a no-op once it is over), so
 * its loopback port is always freed.
 */
async function waitForTokens(
  wb: Workbench,
  started: ConsentStarted & { done: Promise<ExchangeResult> },
  io: Io,
  stops: { timeoutMs: number; interrupted: Promise<Failure> },
): Promise<ExchangeResult> {
  const timeout = timeoutAfter(stops.timeoutMs);
  const racers: Promise<ExchangeResult>[] = [started.done, timeout.timedOut, stops.interrupted];
  let paste: { ended: Promise<Failure>; stop(): void } | null = null;
  if (started.listeningOn === null) {
    const reason = started.manualReason ?? 'The redirect cannot be caught here: paste the redirected URL.';
    io.err(`tokenbench: ${reason} After the consent, paste the whole URL on standard input and press Enter.`);
    paste = pasteRedirects(wb, started.flowId, io);
    racers.push(paste.ended);
  } else if (io.progress) {
    const wait = formatSpan(stops.timeoutMs);
    io.err(`Waiting up to ${wait} for the redirect on ${started.listeningOn} (Ctrl+C to stop)…`);
  }
  try {
    return await Promise.race(racers);
  } finally {
    timeout.clear();
    paste?.stop();
    flowsOf(wb.ctx).consent.cancel(started.flowId);
  }
}

async function authorize(input: CommandInput): Promise<number> {
  const { options, io } = input;
  const seconds = parseSeconds('timeout', options.string('timeout'), MAX_TIMEOUT_SECONDS);
  const timeoutMs = seconds === undefined ? CONSENT_WAIT_MS : seconds * 1000;
  const scopes = scopesOf(options.required('scope'));
  const json = options.flag('json');
  const opener = urlOpener(io, !options.flag('no-open'), json);
  const interrupt = listenForInterrupt();
  try {
    return await withWorkbench(
      input,
      async (wb) => {
        const client = await resolveClient(wb, options.required('client'));
        const env = await resolveOptionalEnvironment(wb, options.string('env'));
        const accessType = options.string('access-type') === 'online' ? 'online' : 'offline';
        const request = parseArgsOf('consent:start', {
          clientRef: client.id,
          scopes,
          accessType,
          // Zoho gives a refresh token only on the first consent unless prompt=consent is sent.
          promptConsent: accessType === 'offline',
          environmentId: env?.id,
          force: options.flag('force'),
        });
        const started = await flowsOf(wb.ctx).consent.start(request);
        if (!started.ok) throw new CommandFailure(started);
        const stops = { timeoutMs, interrupted: interrupt.interrupted };
        const result = await waitForTokens(wb, started.value, io, stops);
        const held = heldId(result);
        const outcome =
          held !== null && !result.ok
            ? await keepUntilStored(wb, held, io, result.message)
            : result.ok
              ? result.value
              : null;
        if (outcome === null) throw new CommandFailure(result as Failure);
        printOutcome(io, outcome, client, json, wb);
        return EXIT.done;
      },
      opener,
    );
  } finally {
    interrupt.dispose();
  }
}

export const AUTHORIZE: CommandSpec = {
  path: ['authorize'],
  summary: "run Zoho's consent in the browser and exchange the code for tokens",
  notes: [
    'Prints the consent URL on its own line (on stderr with --json), opens the system browser unless',
    "--no-open, and waits for the redirect on the client's redirect URI. If that address cannot be",
    'listened on (port taken, not loopback), paste the URL the browser was sent to on standard input.',
    'Offline access sends prompt=consent, so Zoho issues a refresh token every time.',
  ],
  options: {
    client: CLIENT_OPTION,
    scope: {
      type: 'string',
      value: 'S1,S2',
      required: true,
      help: 'comma-separated scopes, e.g. ZohoCRM.modules.ALL (find more: tokenbench scopes --search WORDS)',
    },
    'access-type': {
      type: 'string',
      value: 'offline|online',
      choices: ['offline', 'online'],
      help: 'offline (default) also gives a refresh token',
    },
    'no-open': { type: 'boolean', help: 'only print the URL; do not start a browser' },
    timeout: {
      type: 'string',
      value: 'SEC',
      help: `how long to wait for the redirect (default ${CONSENT_WAIT_MS / 1000})`,
    },
    env: ENV_OPTION,
    force: FORCE_OPTION,
    ...JSON_OPTION,
  },
  run: authorize,
};
