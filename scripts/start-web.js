// Browser mode's entry: runs electron/web/main.ts through tsx's loader in this same process, so
// SIGINT/SIGTERM reach the host directly and there is no build step for the host itself
// (`npm run start:web` builds the renderer it serves first).
import { register } from 'tsx/esm/api';

register();
await import('../electron/web/main.ts');
