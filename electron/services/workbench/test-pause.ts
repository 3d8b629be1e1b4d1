/**
 * TEST-ONLY hook, off unless TOKENBENCH_TEST_PAUSE names a point: the process says so on stderr and
 * stops itself (SIGSTOP), so a test can SIGKILL it at exactly that moment, or change the world (lock
 * the keychain) and let it go on (SIGCONT). It exists so the crash-safety of recording issued tokens
 * is tested at its dangerous moments deterministically (test/integration/cli-crash.test.ts), instead
 * of by killing at random and hoping. Nothing else reads the variable; POSIX only.
 *
 * - `before-keychain`: Zoho answered, the creations are in the ledger, no value is stored yet.
 * - `before-rows`: the values are in the keychain, no token row names them yet.
 */
export type PausePoint = 'before-keychain' | 'before-rows';

export const TEST_PAUSE_VARIABLE = 'TOKENBENCH_TEST_PAUSE';

export function testPause(point: PausePoint): Promise<void> {
  if (process.env[TEST_PAUSE_VARIABLE] !== point) return Promise.resolve();
  // Writes to a pipe are synchronous on Linux, so the line is out before the process stops.
  process.stderr.write(`tokenbench-test: paused ${point}\n`);
  process.kill(process.pid, 'SIGSTOP');
  return Promise.resolve();
}
