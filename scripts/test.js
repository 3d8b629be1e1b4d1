// `npm test`: every check and test, on a fresh machine, with the real keychain.
// On Linux it runs itself inside a private D-Bus session with a throwaway gnome-keyring
// (scripts/with-keyring.sh), so the keychain tests never touch the user's own keyring.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { missingForTests, warningsForTests } from './prerequisites.js';

const problems = missingForTests();
if (problems.length > 0) {
  console.error('npm test cannot run yet:');
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}

if (process.platform === 'linux' && !process.env.TOKENBENCH_KEYRING_SESSION) {
  const inner = spawnSync('scripts/with-keyring.sh', [process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exit(inner.status ?? 1);
}

const warnings = warningsForTests();
const warn = () => {
  for (const w of warnings) console.error(`\n!! ${w}\n`);
};
warn();

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;

const checked = run('npm', ['run', '--silent', 'check']);
mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
const tested = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
const clean = run(process.execPath, ['scripts/leak-scan.js']);

// The plain closing line a reader of CI output counts on: 'N passed, N failed, N skipped'.
let summary = 'tests: 0 passed, 1 failed';
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = json.numPendingTests + json.numTodoTests;
  // The leak scan counts as one more test.
  const passed = json.numPassedTests + (clean ? 1 : 0);
  const failed = json.numFailedTests + (clean ? 0 : 1);
  summary = `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
} catch {
  console.error(`No test report at ${report}: vitest did not finish.`);
}
if (!checked) console.error('npm run check failed (typecheck, lint or format): see above.');
warn();
console.log(summary);
process.exit(checked && tested && clean ? 0 : 1);
