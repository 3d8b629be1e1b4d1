// "ready with 10 clients and a 10,000-token history, over a bare React page built the same way, same
// run: goal at most 1.5x" (issue 4). Both pages are served by the same web host code, each in a
// process of its own as for a user (support/host-process.ts), to the same Debian Chromium; each
// load is cold (a fresh browser context) and is timed inside the page from navigation start to
// html[data-app-state="ready"]. Issue 7: the goal must hold on every run, not on the median only, so
// the bench measures five rounds and reports the worst.
import type { Benchmark, BenchResult } from './run';
import { median, timeLoads } from './support/browser-timing';
import { buildReferencePage } from './support/reference-page';
import { startReferenceHost, startSeededHost } from './support/seeded-host';
import { ms, prepareBrowser } from './support/ui-bench';

const CLIENTS = 10;
const TOKENS = 10_000;
/** Five rounds of nine cold loads each side: each round's ratio is a median of nine, the result their worst. */
const ROUNDS = 5;
const RUNS = 9;

async function run(): Promise<BenchResult> {
  const browser = await prepareBrowser();
  const reference = await buildReferencePage();
  const app = await startSeededHost({ clients: CLIENTS, tokens: TOKENS });
  const bare = await startReferenceHost(reference.dir);
  try {
    const rounds: { appMs: number; bareMs: number }[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const [appLoads = [], bareLoads = []] = await timeLoads(browser, [{ host: app }, { host: bare }], RUNS);
      rounds.push({ appMs: median(appLoads.map((m) => m.app)), bareMs: median(bareLoads.map((m) => m.app)) });
    }
    const ratios = rounds.map((r) => r.appMs / r.bareMs);
    const worst = rounds[ratios.indexOf(Math.max(...ratios))] ?? { appMs: 0, bareMs: 1 };
    const clientRef = app.seeded?.clients[0]?.id ?? '';
    const current = await app.channelCost('tokens:current', { clientRef });
    return {
      ratio: Math.max(...ratios),
      detail:
        `worst of ${ROUNDS} rounds: app ready ${ms(worst.appMs)} vs bare React page ${ms(worst.bareMs)}, ` +
        `median of ${RUNS} cold loads each; every round: ${ratios.map((r) => `${r.toFixed(2)}x`).join(', ')}; ` +
        `${CLIENTS} clients, ${app.seeded?.tokens ?? 0} tokens, ${app.seeded?.events ?? 0} ledger events; ` +
        `after it, the selected client's tokens:current costs ${ms(current.ms)} and ${current.megabytes.toFixed(2)} MB`,
      goal: 1.5,
    };
  } finally {
    await browser.close();
    await app.close();
    await bare.close();
    reference.cleanup();
  }
}

export const uiColdLoad: Benchmark = { name: 'ui-cold-load', run };
