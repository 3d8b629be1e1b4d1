import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Ports for servers a test binds, lets go and binds again on the same number: a client's redirect
 * URI (the loopback listener opens and closes it at every sign-in), a host that must come back on
 * its port, a database started after its port is chosen.
 *
 * A port found with listen(0) lies in the kernel's ephemeral range, where any other process's
 * listen(0) may be given it while the test is not holding it. CI once saw exactly that: the CLI's
 * own loopback listener was refused ("in use by another program") because a parallel test's server
 * had been handed its redirect port. These ports come from below the ephemeral range instead, from
 * a slice of their own for each test worker, so neither the kernel nor another worker hands them out.
 */

const SLICE = 400;
const FIRST = 12_000;

function ephemeralLow(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    return Number(low) || 32_768;
  } catch {
    return 32_768;
  }
}

// Vitest numbers its concurrent workers from 1 (VITEST_POOL_ID); a bench or script run has none.
const worker = Math.max(0, Number(process.env.VITEST_POOL_ID ?? 0));
const sliceStart = FIRST + worker * SLICE;
let next = sliceStart;

function canListen(port: number, host: string): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, host, () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

/** A port no one listens on now, on `host`, that no listen(0) anywhere will be given meanwhile. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const end = Math.min(sliceStart + SLICE, ephemeralLow());
  for (let tries = 0; tries < SLICE; tries += 1) {
    const port = next;
    next = next + 1 >= end ? sliceStart : next + 1;
    if (await canListen(port, host)) return port;
  }
  throw new Error(`no free port in ${String(sliceStart)}-${String(end - 1)} on ${host}`);
}

/** A redirect URI on a free loopback port, as a registered client would have. */
export async function freeRedirectUri(): Promise<string> {
  return `http://127.0.0.1:${String(await freePort())}/callback`;
}
