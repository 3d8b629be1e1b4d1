import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

interface ModuleGraph {
  getModuleInfo(id: string): { readonly importers: readonly string[] } | null;
}

const ENTRY = '/renderer/src/main.tsx';

/**
 * Every module the first screen needs, main.tsx and what it imports statically, goes into one
 * chunk, "start". Left to itself the bundler split the modules the lazy tabs share with it into
 * eight small chunks, each one more request for the browser and the host on every cold load (bench
 * ui-cold-load). The tabs stay lazy and import what they share from "start".
 */
function startChunk(id: string, graph: ModuleGraph): string | null {
  const known = new Map<string, boolean>();
  const needed = (module: string): boolean => {
    if (module.endsWith(ENTRY)) return true;
    const seen = known.get(module);
    if (seen !== undefined) return seen;
    known.set(module, false); // an import cycle leads nowhere new
    const result = (graph.getModuleInfo(module)?.importers ?? []).some(needed);
    known.set(module, result);
    return result;
  };
  return needed(id) ? 'start' : null;
}

// Relative asset paths, so the same build loads from file:// in Electron and from the web host.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: startChunk, debugName: 'start' }] } },
    },
  },
});
