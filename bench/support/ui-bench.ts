// What the two UI benchmarks share: a fresh renderer build and Chromium.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { chromiumSkipReason, launchChromium } from '../../test/support/chromium';
import { RENDERER_INDEX, rendererIsStale } from '../../test/e2e/global-setup';

/** Chromium with the renderer built from the current sources (as the e2e tests do). */
export async function prepareBrowser(): Promise<Browser> {
  if (chromiumSkipReason !== undefined) throw new Error(chromiumSkipReason);
  if (rendererIsStale()) await build({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' });
  if (!existsSync(RENDERER_INDEX)) throw new Error(`${RENDERER_INDEX} is missing: run npm run build.`);
  return launchChromium();
}

export const ms = (value: number): string => `${value.toFixed(0)} ms`;
