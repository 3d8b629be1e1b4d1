import { createInterface } from 'node:readline';
import type { Io } from './output';

/** Piped input: all of it, less the newline `echo` or a here-string adds. */
async function readAll(stdin: Io['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * A terminal: prompt on stderr and read one line without echo, so the secret is neither on the
 * screen nor in the shell's history. Ctrl+C and Ctrl+D give up (an empty answer).
 */
function readHidden(io: Io, prompt: string): Promise<string> {
  const { stdin } = io;
  process.stderr.write(prompt);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolve) => {
    let typed = '';
    const finish = (value: string): void => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n' || char === '\u0003' || char === '\u0004') {
          finish(char === '\r' || char === '\n' ? typed : '');
          return;
        }
        typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * A secret (a client secret, a grant code): from a pipe or file (`printf %s "$S" | tokenbench ...`),
 * or typed at the prompt. Never from argv, which every local user can read in the process list.
 */
export function readSecret(io: Io, prompt: string): Promise<string> {
  return io.stdin.isTTY === true ? readHidden(io, prompt) : readAll(io.stdin);
}

/** Lines of standard input one at a time, for the pasted redirect URL; null at the end of input. */
export function lineReader(io: Io): { next(): Promise<string | null>; close(): void } {
  const lines = createInterface({ input: io.stdin, terminal: false });
  const iterator = lines[Symbol.asyncIterator]();
  return {
    next: async () => {
      const step = await iterator.next();
      return step.done === true ? null : step.value;
    },
    close: () => {
      lines.close();
    },
  };
}
