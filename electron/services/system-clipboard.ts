import { spawn } from 'node:child_process';
import type { ClipboardPort } from './workbench/secrets';

/**
 * The workbench's clipboard where no shell brings one (browser mode). The page must not need the
 * secret (architecture.md, "Secrets"), and the host runs on the user's own machine, so it writes the
 * system clipboard the way a terminal user would: pbcopy, clip, wl-copy, xclip or xsel. The value goes through stdin, never argv, where
 * any local process could read it in the process list. Where none of them works, copy fails as
 * data (`clipboard_unavailable`) and the user can still Reveal.
 */

export const CLIPBOARD_UNAVAILABLE_MESSAGE =
  'Copy is not available in browser mode here (no pbcopy, clip, wl-copy, xclip or xsel could reach a clipboard); use Reveal.';

/** Thrown by a port that has no clipboard; copySecret answers it as `clipboard_unavailable`. */
export class ClipboardUnavailableError extends Error {
  constructor() {
    super(CLIPBOARD_UNAVAILABLE_MESSAGE);
    this.name = 'ClipboardUnavailableError';
  }
}

interface Command {
  readonly file: string;
  readonly args: readonly string[];
}

export function clipboardCommands(
  platform: NodeJS.Platform = process.platform,
  env: Readonly<Record<string, string | undefined>> = process.env,
): readonly Command[] {
  if (platform === 'darwin') return [{ file: 'pbcopy', args: [] }];
  if (platform === 'win32') return [{ file: 'clip.exe', args: [] }];
  const commands: Command[] = [];
  if (env.WAYLAND_DISPLAY) commands.push({ file: 'wl-copy', args: [] });
  if (env.DISPLAY) {
    commands.push({ file: 'xclip', args: ['-selection', 'clipboard'] });
    commands.push({ file: 'xsel', args: ['--clipboard', '--input'] });
  }
  return commands;
}

/** The tools fork to keep serving the selection; the parent exits at once, so this bounds a hang. */
const TIMEOUT_MS = 5_000;

function runWithInput(command: Command, text: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command.file, [...command.args], { stdio: ['pipe', 'ignore', 'ignore'] });
    const timer = setTimeout(() => {
      child.kill();
      resolve(false);
    }, TIMEOUT_MS);
    const settle = (success: boolean) => {
      clearTimeout(timer);
      resolve(success);
    };
    child.once('error', () => {
      settle(false);
    });
    child.once('exit', (code) => {
      settle(code === 0);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}

export function systemClipboard(commands: readonly Command[] = clipboardCommands()): ClipboardPort {
  return {
    writeText: async (text) => {
      for (const command of commands) if (await runWithInput(command, text)) return;
      throw new ClipboardUnavailableError();
    },
  };
}
