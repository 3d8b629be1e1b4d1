// Page-load timing in Debian Chromium, measured inside the page: an init script (run before any page
// script) watches the readiness markers and records performance.now(), i.e. milliseconds since the
// navigation started. When asked, it opens a tab the moment the app is ready, with no round trip
// through Playwright, so "timeline ready" is navigation → app ready → Tokens tab → first timeline frame.
import type { Browser } from 'playwright-core';
import type { BenchHost } from './seeded-host';

export interface LoadMarks {
  /** ms from navigation start to html[data-app-state="ready"]. */
  readonly app: number;
  /**
   * ms from navigation start to the opened tab's ready marker: the timeline's first frame
   * ([data-timeline-state="ready"]) or the Console's first page of exchanges ([data-console-state="ready"]).
   */
  readonly timeline: number | null;
  /** ms from the click on the tab to the timeline's first frame. */
  readonly tab: number | null;
}

export interface LoadTarget {
  readonly host: Pick<BenchHost, 'url' | 'clientCount'>;
  /** Open this tab and wait for its ready marker (the timeline's first frame, the Console's first page). */
  readonly openTab?: 'tokens' | 'console';
  /**
   * When to click it: as soon as the app is ready (the cold path a user sees), or once no call to the
   * main process has been outstanding for a second (the tab alone, after the app's start-up traffic).
   */
  readonly when?: 'ready' | 'idle';
}

interface Marks {
  app?: number;
  click?: number;
  timeline?: number;
}

declare global {
  interface Window {
    __benchMarks?: Marks;
  }
}

/** What the init script logs once the awaited mark is taken. */
const DONE = 'tokenbench-bench:marks-taken';

/**
 * The init script, as text: a function would be serialised with the helpers tsx's transform adds
 * (`__name`), which do not exist in the page.
 */
function instrument(options: { tab: string | null; idle: boolean }): string {
  return `(() => {
  const options = ${JSON.stringify(options)};
  const DONE = ${JSON.stringify(DONE)};
  const marks = {};
  window.__benchMarks = marks;
  // Calls in flight on the web host's socket: sent { id, ... }, answered { id, result }.
  let outstanding = 0;
  const watched = new WeakSet();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    outstanding += 1;
    if (!watched.has(this)) {
      watched.add(this);
      this.addEventListener('message', (e) => {
        if (typeof e.data === 'string' && e.data.startsWith('{"id":')) outstanding -= 1;
      });
    }
    return send.call(this, data);
  };
  function click() {
    marks.click = performance.now();
    const tab = document.getElementById('tab-' + options.tab);
    if (tab) tab.click();
  }
  function whenIdle(quietSince) {
    const now = performance.now();
    const since = outstanding === 0 ? (quietSince === null ? now : quietSince) : null;
    if (since !== null && now - since >= 1000) click();
    else setTimeout(() => whenIdle(since), 10);
  }
  new MutationObserver(() => {
    if (marks.app === undefined && document.documentElement.dataset.appState === 'ready') {
      marks.app = performance.now();
      if (options.tab === null) console.debug(DONE);
      if (options.tab !== null) options.idle ? whenIdle(null) : click();
    }
    if (marks.timeline === undefined && document.querySelector('[data-timeline-state="ready"], [data-console-state="ready"]') !== null) {
      marks.timeline = performance.now();
      console.debug(DONE);
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app-state', 'data-timeline-state', 'data-console-state'] });
})();`;
}

/** One cold load: a fresh context (empty cache and storage), the page, its marks. */
export async function timeLoad(browser: Browser, target: LoadTarget): Promise<LoadMarks> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({
      content: instrument({ tab: target.openTab ?? null, idle: target.when === 'idle' }),
    });
    // Told by the page, not polled: a Playwright evaluation while the page loads runs an injected
    // script of some 10 ms on the page's main thread, which delayed whichever page it happened to hit.
    const done = page.waitForEvent('console', { predicate: (m) => m.text() === DONE, timeout: 180_000 });
    await Promise.all([page.goto(target.host.url), done]);
    const marks = await page.evaluate(() => window.__benchMarks ?? {});
    const tab =
      marks.timeline === undefined || marks.click === undefined ? null : marks.timeline - marks.click;
    return { app: marks.app ?? Number.NaN, timeline: marks.timeline ?? null, tab };
  } finally {
    await context.close();
    await quiet(target.host);
  }
}

/** Waits until the page's socket is gone, so the next load does not queue behind this one's requests. */
async function quiet(host: LoadTarget['host']): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await host.clientCount()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50));
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * `runs` cold loads of each target, interleaved (A B A B …) so drift hits both alike, after one
 * unrecorded warm-up load of each.
 */
export async function timeLoads(
  browser: Browser,
  targets: readonly LoadTarget[],
  runs: number,
): Promise<LoadMarks[][]> {
  for (const target of targets) await timeLoad(browser, target);
  const results: LoadMarks[][] = targets.map(() => []);
  for (let run = 0; run < runs; run += 1) {
    for (const [i, target] of targets.entries()) results[i]?.push(await timeLoad(browser, target));
  }
  return results;
}
