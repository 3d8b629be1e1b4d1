// Finds the Electron binary without triggering the download that `require('electron')` starts,
// which cannot succeed on machines with no route to Electron's release host.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function findElectronBinary(root = process.cwd()) {
  const pkg = join(root, 'node_modules', 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = override ? join(override, relative) : join(pkg, 'dist', relative);
  return existsSync(binary) ? binary : null;
}
