import { app, BrowserWindow, clipboard, dialog, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from './services/sandbox';
import { sandboxDemoOf } from './services/workbench/sandbox-demo';
import { createWorkbench, type Workbench } from './services/workbench/workbench';
import { registerIpc, trustedWindows } from './ipc';
import { answerAppRequest, APP_SCHEME, RENDERER_URL } from './shell/app-protocol';
import { allowPermission } from './shell/permissions';
import { fail } from '../shared/result';

/**
 * The thin Electron shell (architecture.md): compose the services, one hardened window, the IPC
 * contract with sender checks. Everything else lives in electron/services and is plain Node.
 */
const rendererDir = join(__dirname, '..', 'renderer');
const windows = trustedWindows();
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
let workbench: Workbench | null = null;
let sandbox: SandboxHandle | null = null;

if (!app.requestSingleInstanceLock()) app.quit();
// Before ready: app:// is a standard, secure scheme, so the page has an origin of its own.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

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
  void window.loadURL(RENDERER_URL);
  return window;
}

async function start(): Promise<void> {
  protocol.handle(APP_SCHEME, (request) => {
    const answer = answerAppRequest(request.url, rendererDir);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, grant, details) => {
    grant(
      allowPermission({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }),
    );
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin, details) =>
    allowPermission({ permission, requestingUrl: origin, isMainFrame: details.isMainFrame }),
  );
  sandbox = await startSandbox();
  // Transport only: the URL allow-list and auto-refresh are the workbench's (createWorkbench).
  const opened = createWorkbench({
    openBrowser: async (url) => {
      try {
        await shell.openExternal(url);
        return undefined;
      } catch (error: unknown) {
        const why = error instanceof Error ? error.message : String(error);
        return fail('browser_not_opened', `Tokenbench could not open your browser: ${why}.`);
      }
    },
    clipboard: { writeText: (text) => clipboard.writeText(text) },
    extraDcs: () => sandbox?.dcs ?? [],
    sandboxDemo: () => (sandbox === null ? null : sandboxDemoOf(sandbox)),
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
  registerIpc(workbench.handlers, { judge: windows.judge, log });
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
  void workbench?.close();
  void sandbox?.close();
});
