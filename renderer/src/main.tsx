// First: it sends the start-up reads before the rest is evaluated (boot.ts).
import './boot';
import { StrictMode } from 'react';
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
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
