import { loadWorkspace } from './stores/workspace';

// main.tsx imports this first, so the start-up reads are sent before React DOM and the app (nine
// tenths of the code) are evaluated, and travel while they are (over HTTP in browser mode, since
// the socket's open event waits for that evaluation: web-transport.ts). Bench ui-cold-load.
void loadWorkspace();
