/**
 * Builds the renderer once per e2e run, and only when out/renderer is missing or older than any
 * source it is built from: every e2e test serves that one build through the web host.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

export const RENDERER_INDEX = 'out/renderer/index.html';
const SOURCES = ['renderer', 'shared', 'package-lock.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function rendererIsStale(): boolean {
  if (!existsSync(RENDERER_INDEX)) return true;
  const built = statSync(RENDERER_INDEX).mtimeMs;
  return SOURCES.some((source) => existsSync(source) && newestMtime(source) > built);
}

export default async function setup(): Promise<void> {
  if (!rendererIsStale()) return;
  await build({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' });
}
