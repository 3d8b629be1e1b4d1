/** The Electron executable if it is installed, else null (see electron-binary.js). */
export function findElectronBinary(root?: string): string | null;
