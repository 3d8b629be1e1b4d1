// The reference the UI benchmarks divide by: a bare React page built the same way as the renderer
// (Vite with @vitejs/plugin-react, the same React, relative asset paths, the same CSP) that renders a
// trivial tree and sets the same readiness marker at the same moment, its commit (a layout effect).
// It is served by the same web host, so the ratio is the app's own cost over the floor of "a React
// page loaded from that server in that browser".
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta
      http-equiv="Content-Security-Policy"
      content="default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws://127.0.0.1:*; img-src 'self' data:"
    />
    <title>Reference</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="./main.tsx"></script>
  </body>
</html>
`;

const MAIN = `import { StrictMode, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  useLayoutEffect(() => {
    document.documentElement.dataset.appState = 'ready';
  }, []);
  return (
    <main>
      <h1>Reference</h1>
      <p>A trivial tree.</p>
    </main>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`;

export interface ReferencePage {
  /** The built page, to serve as the web host's renderer directory. */
  readonly dir: string;
  cleanup(): void;
}

/**
 * Writes the sources under node_modules/.cache (so `react` resolves from this project's
 * node_modules, the very copy the renderer uses) and builds them into a temp folder.
 */
export async function buildReferencePage(): Promise<ReferencePage> {
  const source = resolve('node_modules/.cache/tokenbench-bench', `reference-${process.pid}`);
  mkdirSync(source, { recursive: true });
  writeFileSync(join(source, 'index.html'), HTML);
  writeFileSync(join(source, 'main.tsx'), MAIN);
  const dir = mkdtempSync(join(tmpdir(), 'tokenbench-reference-'));
  try {
    await build({
      configFile: false,
      root: source,
      base: './',
      plugins: [react()],
      logLevel: 'warn',
      build: { outDir: dir, emptyOutDir: true },
    });
  } finally {
    rmSync(source, { recursive: true, force: true });
  }
  return {
    dir,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
