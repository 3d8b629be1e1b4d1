#!/usr/bin/env node
// The `tokenbench` command (package.json "bin"). It needs no build step after `npm install`:
// the TypeScript entry is bundled by esbuild on first use into node_modules/.cache, and rebuilt
// whenever the content of any file it was built from changes (content hashes, not mtimes, so a
// checkout or copy can never leave a stale bundle). A bundle starts in about 0.2 s; running the
// sources through tsx's loader works too but takes about 1 s, so tsx is only the fallback for a
// read-only install.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ENTRY = join(ROOT, 'electron', 'cli', 'main.ts');
const CACHE = join(ROOT, 'node_modules', '.cache', 'tokenbench-cli');
const BUNDLE = join(CACHE, 'main.mjs');
// esbuild reads these too (verbatimModuleSyntax decides which imports stay), and so does this file.
const ALWAYS = ['bin/tokenbench.js', 'tsconfig.base.json', 'electron/tsconfig.json', 'shared/tsconfig.json'];
const MARK = '// tokenbench-cli inputs ';

const hashOf = (file) =>
  createHash('sha256')
    .update(readFileSync(join(ROOT, file)))
    .digest('hex');

/** The bundle, if every input it records still has the content it was built from. */
function freshBundle() {
  try {
    const text = readFileSync(BUNDLE, 'utf8');
    const first = text.slice(0, text.indexOf('\n'));
    if (!first.startsWith(MARK)) return false;
    const inputs = JSON.parse(first.slice(MARK.length));
    return Object.entries(inputs).every(([file, hash]) => hashOf(file) === hash);
  } catch {
    return false;
  }
}

async function buildBundle() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    // Input paths in the metafile are then relative to the package, wherever the command runs.
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies (better-sqlite3 and keytar are native) load from node_modules as usual.
    packages: 'external',
    outfile: BUNDLE,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const files = [...new Set([...ALWAYS, ...Object.keys(result.metafile.inputs)])];
  const inputs = Object.fromEntries(files.map((file) => [file, hashOf(file)]));
  const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'))?.text ?? '';
  mkdirSync(CACHE, { recursive: true });
  // Write aside, then rename: runs started together never read half a file.
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  writeFileSync(temporary, `${MARK}${JSON.stringify(inputs)}\n${code}`);
  renameSync(temporary, BUNDLE);
}

async function loadTsx() {
  try {
    return await import('tsx/esm/api');
  } catch {
    process.stderr.write(
      `tokenbench: cannot start: it runs its TypeScript with esbuild or tsx (devDependencies), and neither is installed. Run npm install in ${ROOT}.\n`,
    );
    process.exit(1);
  }
}

async function loadMain() {
  const ready =
    freshBundle() ||
    (await buildBundle().then(
      () => true,
      () => false,
    ));
  if (ready) return (await import(pathToFileURL(BUNDLE).href)).main;
  // No esbuild, or a read-only node_modules: run the sources through tsx's loader instead.
  const { tsImport } = await loadTsx();
  return (await tsImport(pathToFileURL(ENTRY).href, import.meta.url)).main;
}

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const main = await loadMain();
const code = await main(process.argv.slice(2), { version });

// Let stdout and stderr drain (a pipe may still hold output), then end even if a handle lingers.
const drained = (stream) => new Promise((resolve) => stream.write('', resolve));
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
