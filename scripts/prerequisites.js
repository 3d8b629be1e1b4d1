// What `npm test` and `npm start` need from the machine, each with the one thing to do about it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const DEBIAN = 'sudo apt-get install chromium libsecret-1-dev gnome-keyring dbus libsecret-tools';

export const chromiumPath = () => process.env.TOKENBENCH_CHROMIUM ?? '/usr/bin/chromium';

function nativeModule(name) {
  try {
    require(name);
    return null;
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `${name} did not load (${why}). Run "npm install" again; on Linux it needs libsecret-1-dev, python3, make and g++.`;
  }
}

/** Problems that stop every test; each is one sentence that says what to do. */
export function missingForTests() {
  const problems = [];
  if (!existsSync('node_modules/.bin/vitest'))
    return ['Dependencies are not installed: run "npm install" first.'];
  for (const name of ['better-sqlite3', 'keytar']) {
    const problem = nativeModule(name);
    if (problem) problems.push(problem);
  }
  if (!existsSync(chromiumPath())) {
    problems.push(
      `Chromium is missing at ${chromiumPath()} (UI tests drive it): ${DEBIAN}, or set TOKENBENCH_CHROMIUM.`,
    );
  }
  if (process.platform === 'linux' && !process.env.TOKENBENCH_KEYRING_SESSION) {
    for (const tool of ['dbus-run-session', 'gnome-keyring-daemon']) {
      if (!onPath(tool))
        problems.push(`${tool} is missing (keychain tests use a real Secret Service): ${DEBIAN}`);
    }
  }
  return problems;
}

export function onPath(tool) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
