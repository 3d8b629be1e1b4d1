// "timeline ready at 100,000 tokens over 10,000: goal at most 1.5x" (issue 4). Two workspaces of
// 10 clients whose histories end now and were made at the same rate, so the big one is ten times
// longer, as a workspace used for longer is. Each cold load goes navigation → app ready → Tokens tab
// → the timeline's first frame ([data-timeline-state="ready"]), timed inside the page.
import type { Benchmark, BenchResult } from './run';
import { median, timeLoads, type LoadMarks } from './support/browser-timing';
import { startSeededHost, type BenchHost } from './support/seeded-host';
import { ms, prepareBrowser } from './support/ui-bench';

const CLIENTS = 10;
const SMALL = 10_000;
const BIG = 100_000;
const RUNS = 5;
const HOUR = 3_600_000;

const timelineMs = (loads: readonly LoadMarks[]) => median(loads.map((m) => m.timeline ?? Number.NaN));
const tabMs = (loads: readonly LoadMarks[]) => median(loads.map((m) => m.tab ?? Number.NaN));

async function run(): Promise<BenchResult> {
  const browser = await prepareBrowser();
  const small = await startSeededHost({ clients: CLIENTS, tokens: SMALL });
  const big = await startSeededHost({ clients: CLIENTS, tokens: BIG });
  try {
    const cold = [small, big].map((h) => ({ host: h, openTab: 'tokens' as const }));
    const [smallLoads = [], bigLoads = []] = await timeLoads(browser, cold, RUNS);
    const alone = cold.map((t) => ({ ...t, when: 'idle' as const }));
    const [smallAlone = [], bigAlone = []] = await timeLoads(browser, alone, RUNS);
    const now = Date.now();
    const firstClient = (h: BenchHost) => ({ clientRef: h.seeded?.clients[0]?.id ?? '' });
    const range = (h: BenchHost) => ({ ...firstClient(h), from: now - HOUR, to: now + HOUR / 4 });
    const [smallSlice, bigSlice, smallCurrent, bigCurrent] = [
      await small.channelCost('tokens:timeline', range(small)),
      await big.channelCost('tokens:timeline', range(big)),
      await small.channelCost('tokens:current', firstClient(small)),
      await big.channelCost('tokens:current', firstClient(big)),
    ];
    const bigMs = timelineMs(bigLoads);
    const smallMs = timelineMs(smallLoads);
    return {
      ratio: bigMs / smallMs,
      detail:
        `timeline ready ${ms(bigMs)} at ${BIG} tokens vs ${ms(smallMs)} at ${SMALL} (${CLIENTS} clients, same rate, ` +
        `median of ${RUNS} cold loads); the Tokens tab alone, opened after a second without traffic, ${ms(tabMs(bigAlone))} vs ` +
        `${ms(tabMs(smallAlone))} (${(tabMs(bigAlone) / tabMs(smallAlone)).toFixed(2)}x); ` +
        `tokens:timeline (1 h window) ${ms(bigSlice.ms)} / ${bigSlice.megabytes.toFixed(2)} MB vs ${ms(smallSlice.ms)}; ` +
        `the start-up's tokens:current (live and last-day tokens of one client) ${ms(bigCurrent.ms)} / ` +
        `${bigCurrent.megabytes.toFixed(2)} MB vs ${ms(smallCurrent.ms)} / ${smallCurrent.megabytes.toFixed(2)} MB`,
      goal: 1.5,
    };
  } finally {
    await browser.close();
    await small.close();
    await big.close();
  }
}

export const timelineScale: Benchmark = { name: 'timeline-scale', run };
