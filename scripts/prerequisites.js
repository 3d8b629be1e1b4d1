// What `npm test` and `npm start` need from the machine, each with the one thing to do about it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const DEBIAN =
  'sudo apt-get install chromium libsecret-1-dev gnome-keyring dbus libsecret-tools mariadb-server';

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

/** mariadbd and mariadb-install-db (or their mysql names), where test/support/mariadb.ts looks. */
function mariadbFound() {
  const found = (names) =>
    names.some(
      (name) =>
        onPath(name) || ['/usr/sbin', '/usr/bin', '/usr/libexec'].some((d) => existsSync(`${d}/${name}`)),
    );
  return found(['mariadbd', 'mysqld']) && found(['mariadb-install-db', 'mysql_install_db']);
}

/**
 * Problems that skip some tests instead of stopping all: each said loudly before and after the run.
 * The token-store tests start a private MariaDB; without the binaries they skip and say why.
 */
export function warningsForTests() {
  if (mariadbFound()) return [];
  return [
    `MariaDB is missing (no mariadbd and mariadb-install-db): the token-store tests will be SKIPPED. ${DEBIAN}`,
  ];
}

export function onPath(tool) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
