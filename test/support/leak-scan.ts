import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Prepares the leak scan that `npm test` runs after the whole suite (scripts/leak-scan.js): every
 * secret the sandbox mints is recorded (electron/services/sandbox/ids.ts), and the data folders and
 * CLI output the tests make are kept here until the scan has searched them for each one.
 */
export const LEAK_SCAN_ROOT = resolve('test-results', 'leak-scan');

export function setup(): void {
  rmSync(LEAK_SCAN_ROOT, { recursive: true, force: true });
  for (const dir of ['issued', 'data', 'output']) mkdirSync(join(LEAK_SCAN_ROOT, dir), { recursive: true });
  process.env.TOKENBENCH_LEAK_SCAN_DIR = join(LEAK_SCAN_ROOT, 'issued');
  process.env.TOKENBENCH_TEST_DATA_ROOT = join(LEAK_SCAN_ROOT, 'data');
  process.env.TOKENBENCH_TEST_OUTPUT_ROOT = join(LEAK_SCAN_ROOT, 'output');
}
