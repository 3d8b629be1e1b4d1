// First: it sends the start-up reads before the rest is evaluated (boot.ts).
import { workspaceLoading } from './boot';
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
// Global styles first, so a feature's stylesheet (loaded with its component) wins ties against them.
import './styles/tokens.css';
import './styles/base.css';
import './components/ui.css';
import './shell/shell.css';
import { App } from './App';
import { applyThemeAtStart } from './shell/use-theme';
import { showUnsafeCharactersVisibly } from './shell/visible-text';

document.title = 'Tokenbench';
const root = document.getElementById('root');
if (root === null) throw new Error('index.html lost its #root element');
// Before the first render, so no text is ever painted raw. Dialogs portal into body: watch it all.
showUnsafeCharactersVisibly(document.body);
applyThemeAtStart();
const reactRoot = createRoot(root);
let rendered = false;
const render = (now: boolean) => {
  if (rendered) return;
  rendered = true;
  const app = (
    <StrictMode>
      <App />
    </StrictMode>
  );
  if (now) {
    flushSync(() => {
      reactRoot.render(app);
    });
  } else {
    reactRoot.render(app);
  }
};
// A page that carries its start answers (boot.ts) has the workspace once this turn's microtasks
// have run: the workbench is rendered right then, not in a task queued behind the page's others.
// Otherwise the next task renders the wait screen, and the workspace follows when it comes.
void workspaceLoading.then(() => {
  render(true);
});
setTimeout(() => {
  render(false);
}, 0);
