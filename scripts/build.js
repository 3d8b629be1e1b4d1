// `npm run build`: the renderer with Vite, the Electron shell (main, preload) with esbuild.
// The shell is bundled to CommonJS because a sandboxed preload cannot load ES modules.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

await vite({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' });
await esbuild({
  entryPoints: { main: 'electron/main.ts', preload: 'electron/preload.ts' },
  outdir: 'out/electron',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron', 'keytar', 'better-sqlite3'],
  sourcemap: true,
  logLevel: 'warning',
  // keytar is loaded with createRequire(import.meta.url), which the vault guards for CommonJS.
  logOverride: { 'empty-import-meta': 'silent' },
});
console.log('built: out/renderer, out/electron');
