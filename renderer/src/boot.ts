import { loadWorkspace } from './stores/workspace';

// main.tsx imports this first, so the start-up reads are asked before React DOM and the app (nine
// tenths of the code) are evaluated. In browser mode a signed-in page already carries their answers
// (shared/ipc/start-answers.ts), so the workspace is in before the first render; otherwise they
// wait for the connection. Bench ui-cold-load.
export const workspaceLoading: Promise<void> = loadWorkspace();
