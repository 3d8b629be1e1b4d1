// The leak scan after the whole suite (issue 3): every secret the sandbox minted during the run
// (test-results/leak-scan/issued) is searched for in every data folder the tests made and every
// CLI output they captured. Exits 1 naming the files (never the secrets) if any is found.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve('test-results', 'leak-scan');
const files = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .map((name) => join(dir, name))
        .filter((path) => statSync(path).isFile())
    : [];

const secrets = new Set(
  files(join(root, 'issued'))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n'))
    .filter((line) => line.length > 0),
);
const scanned = [...files(join(root, 'data')), ...files(join(root, 'output'))];
const leaks = [];
for (const file of scanned) {
  const text = readFileSync(file, 'latin1');
  for (const secret of secrets)
    if (text.includes(secret)) leaks.push(`  ${file} holds a secret ending …${secret.slice(-4)}`);
}
console.log(
  `leak scan: ${secrets.size} issued secrets searched in ${scanned.length} files: ${leaks.length} found`,
);
if (leaks.length > 0) {
  console.error(leaks.join('\n'));
  process.exit(1);
}
