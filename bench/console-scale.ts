// "opening the Console with 100,000 recorded exchanges over 1,000 in the same run: goal at most 1.5x"
// (issue 10 part 5). Two workspaces, the same few clients and tokens, one with a hundred times the
// traffic. Each cold load goes navigation → app ready → Console tab → its first page of exchanges
// drawn ([data-console-state="ready"]), timed inside the page.
import type { Benchmark, BenchResult } from './run';
import { median, timeLoads, type LoadMarks } from './support/browser-timing';
import { startSeededHost } from './support/seeded-host';
import { ms, prepareBrowser } from './support/ui-bench';

const CLIENTS = 3;
const TOKENS = 300;
const SMALL = 1_000;
const BIG = 100_000;
const RUNS = 7;

const readyMs = (loads: readonly LoadMarks[]) => median(loads.map((m) => m.timeline ?? Number.NaN));
const tabMs = (loads: readonly LoadMarks[]) => median(loads.map((m) => m.tab ?? Number.NaN));

async function run(): Promise<BenchResult> {
  const browser = await prepareBrowser();
  const small = await startSeededHost({ clients: CLIENTS, tokens: TOKENS, exchanges: SMALL });
  const big = await startSeededHost({ clients: CLIENTS, tokens: TOKENS, exchanges: BIG });
  try {
    const targets = [small, big].map((host) => ({ host, openTab: 'console' as const }));
    const [smallLoads = [], bigLoads = []] = await timeLoads(browser, targets, RUNS);
    const first = { limit: 100 };
    const filtered = { limit: 100, outcome: 'access_denied' as const };
    const [smallPage, bigPage, smallFiltered, bigFiltered] = [
      await small.channelCost('traffic:list', first),
      await big.channelCost('traffic:list', first),
      await small.channelCost('traffic:list', filtered),
      await big.channelCost('traffic:list', filtered),
    ];
    const bigMs = readyMs(bigLoads);
    const smallMs = readyMs(smallLoads);
    return {
      ratio: bigMs / smallMs,
      detail:
        `Console's first page drawn ${ms(bigMs)} after navigation at ${BIG} exchanges vs ${ms(smallMs)} at ${SMALL} ` +
        `(median of ${RUNS} cold loads; from the tab's click ${ms(tabMs(bigLoads))} vs ${ms(tabMs(smallLoads))}); ` +
        `traffic:list first page ${smallPage.ms.toFixed(1)} → ${bigPage.ms.toFixed(1)} ms (${bigPage.megabytes.toFixed(3)} MB), ` +
        `filtered to Access Denied ${smallFiltered.ms.toFixed(1)} → ${bigFiltered.ms.toFixed(1)} ms; ` +
        `seeding took ${small.seedSeconds.toFixed(1)} s and ${big.seedSeconds.toFixed(1)} s`,
      goal: 1.5,
    };
  } finally {
    await browser.close();
    await small.close();
    await big.close();
  }
}

export const consoleScale: Benchmark = { name: 'console-scale', run };
