import { app, BrowserWindow, clipboard, dialog, session, shell } from 'electron';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from './services/sandbox';
import { createWorkbench, type Workbench } from './services/workbench/workbench';
import { registerIpc, trustedWindows } from './ipc';
import { isAllowedExternalUrl } from './services/external-urls';

/**
 * The thin Electron shell (architecture.md): compose the services, one hardened window, the IPC
 * contract with sender checks. Everything else lives in electron/services and is plain Node.
 */
const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
const windows = trustedWindows(rendererIndex);
let workbench: Workbench | null = null;
let sandbox: SandboxHandle | null = null;

if (!app.requestSingleInstanceLock()) app.quit();

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    title: 'Tokenbench',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  windows.trust(window);
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => {
    event.preventDefault();
  });
  void window.loadFile(rendererIndex);
  return window;
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) => {
    grant(false);
  });
  sandbox = await startSandbox();
  const opened = createWorkbench({
    openBrowser: async (url) => {
      if (isAllowedExternalUrl(url, workbench?.ctx)) await shell.openExternal(url);
    },
    clipboard: { writeText: (text) => clipboard.writeText(text) },
    extraDcs: () => sandbox?.dcs ?? [],
    sandboxDemo: () => (sandbox === null ? null : { dcId: 'sandbox-us', ...sandbox.demoClient }),
    emit: (event, payload) => {
      windows.broadcast(event, payload);
    },
  });
  if (!opened.ok) {
    dialog.showErrorBox('Tokenbench cannot open its workspace', opened.message);
    app.quit();
    return;
  }
  workbench = opened.value;
  registerIpc(workbench.handlers, { isTrustedSender: windows.isTrustedSender });
  const window = createWindow();
  const recovered = workbench.recovered;
  if (recovered !== null) void dialog.showMessageBox(window, { type: 'warning', message: recovered.message });
}

void app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    // Start-up touches no secret (the keychain is read on demand), so the message is safe to show.
    dialog.showErrorBox('Tokenbench could not start', error instanceof Error ? error.message : String(error));
    app.quit();
  });
app.on('second-instance', () => {
  BrowserWindow.getAllWindows()[0]?.focus();
});
app.on('window-all-closed', () => {
  app.quit();
});
app.on('will-quit', () => {
  workbench?.close();
  void sandbox?.close();
});
