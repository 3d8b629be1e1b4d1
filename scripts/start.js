// `npm start`: launch the built Electron app; where the Electron binary is missing (npm could not
// download it on this machine), say so and run browser mode instead, with the same arguments.
import { spawn } from 'node:child_process';
import { findElectronBinary } from './electron-binary.js';

const binary = findElectronBinary();
if (binary === null) {
  console.error('The Electron binary is not installed here; starting Tokenbench in browser mode instead.');
  await import('./start-web.js');
} else {
  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
