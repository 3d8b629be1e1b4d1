// What the two UI benchmarks share: a fresh renderer build, Chromium, and a server-side look at the
// channels a load waits on, to say where the time goes.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import type { ArgsOf, ChannelName } from '../../shared/ipc/contract';
import { dispatch } from '../../electron/services/workbench/handlers';
import type { WebHost } from '../../electron/web/host';
import { chromiumSkipReason, launchChromium } from '../../test/support/chromium';
import { RENDERER_INDEX, rendererIsStale } from '../../test/e2e/global-setup';

/** Chromium with the renderer built from the current sources (as the e2e tests do). */
export async function prepareBrowser(): Promise<Browser> {
  if (chromiumSkipReason !== undefined) throw new Error(chromiumSkipReason);
  if (rendererIsStale()) await build({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' });
  if (!existsSync(RENDERER_INDEX)) throw new Error(`${RENDERER_INDEX} is missing: run npm run build.`);
  return launchChromium();
}

export interface ChannelCost {
  readonly ms: number;
  /** Size of the answer as JSON, as it crosses the WebSocket. */
  readonly megabytes: number;
}

/** One call straight into the handler table, timed with the JSON it would send (median of 3). */
export async function channelCost<C extends ChannelName>(
  host: WebHost,
  channel: C,
  args: ArgsOf<C>,
): Promise<ChannelCost> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    const result = await dispatch(host.workbench.handlers, channel, args);
    // A refusal answers fast and small: timing it would flatter the channel.
    if (!result.ok) throw new Error(`${channel} failed in the benchmark: ${result.message}`);
    bytes = JSON.stringify(result).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[1] ?? Number.NaN, megabytes: bytes / 1e6 };
}

export const ms = (value: number): string => `${value.toFixed(0)} ms`;
