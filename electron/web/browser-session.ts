import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How a browser page proves it is the user's, once it is in: an HttpOnly, SameSite=Strict cookie,
 * so the launch key never has to stay in the address bar, in history or in the page's reach.
 *
 * The cookie is signed with a secret kept in the data folder (readable by the user only), the way
 * Jupyter keeps its cookie secret across restarts: a page stays signed in when the host stops and
 * comes back on the same data folder, while the launch key (to get in at all) is new each launch.
 * A cookie from another data folder, or older than SESSION_DAYS, is refused, and the page says how
 * to get in again.
 *
 * Cookies are scoped to a host, not a port (RFC 6265 §8.5): every server on 127.0.0.1 receives them
 * from pages of that site. The cookie's name carries the port, so two hosts do not overwrite each
 * other's session; SameSite=Strict keeps it out of requests other sites start.
 */

export const SESSION_DAYS = 30;
const SECRET_FILE = 'browser-session.key';
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const MAC_LABEL = 'tokenbench-browser-session.v1';

/** What a request's cookies say about this host's session. */
export type SessionVerdict = 'valid' | 'none' | 'refused';

export interface BrowserSessions {
  readonly cookieName: string;
  /** A Set-Cookie value that signs this browser in. */
  issue(): string;
  check(cookieHeader: string | undefined): SessionVerdict;
}

export function browserSessions(
  dataDir: string,
  port: number,
  now: () => number = Date.now,
): BrowserSessions {
  const secret = loadOrCreateSecret(join(dataDir, SECRET_FILE));
  const cookieName = `tokenbench-${String(port)}`;
  const mac = (issuedAt: string) => createHmac('sha256', secret).update(`${MAC_LABEL}.${issuedAt}`).digest();
  return {
    cookieName,
    issue: () => {
      const issuedAt = String(Math.floor(now() / 1000));
      const value = `${issuedAt}.${mac(issuedAt).toString('base64url')}`;
      // No Domain: host-only. No Max-Age: it ends with the browser session.
      return `${cookieName}=${value}; Path=/; HttpOnly; SameSite=Strict`;
    },
    check: (header) => {
      const value = cookieValue(header, cookieName);
      if (value === null) return 'none';
      const [issuedAt = '', signature = ''] = value.split('.');
      if (!/^\d{1,12}$/.test(issuedAt)) return 'refused';
      const age = now() / 1000 - Number(issuedAt);
      if (age < -60 || age > SESSION_DAYS * 86_400) return 'refused';
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(issuedAt);
      return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'refused';
    },
  };
}

/** The value of one cookie in a Cookie header (RFC 6265 §5.4), or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return null;
}

/**
 * The secret, made once per data folder with mode 0600. A second host starting at the same moment
 * finds the file made (O_EXCL) and reads it; a damaged file is replaced, which only signs pages out.
 */
function loadOrCreateSecret(file: string): string {
  const existing = readSecret(file);
  if (existing.kind === 'found') return existing.secret;
  if (existing.kind === 'damaged') unlinkSync(file);
  const secret = randomBytes(32).toString('base64url');
  try {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, secret);
    } finally {
      closeSync(fd);
    }
    return secret;
  } catch {
    // Another host made it first.
    const made = readSecret(file);
    return made.kind === 'found' ? made.secret : secret;
  }
}

type SecretFile =
  { readonly kind: 'found'; readonly secret: string } | { readonly kind: 'absent' | 'damaged' };

function readSecret(file: string): SecretFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return { kind: 'absent' };
  }
  if (!SECRET_PATTERN.test(text)) return { kind: 'damaged' };
  chmodSync(file, 0o600);
  return { kind: 'found', secret: text };
}

/**
 * Single-use codes for the redirect file the system browser opens: worth nothing once used, and
 * after CODE_TTL_MS. Kept as digests, so the map holds nothing a heap dump could replay.
 */
export const CODE_TTL_MS = 10 * 60_000;

export interface OneTimeCodes {
  issue(): string;
  /** True once per issued code, within its time. */
  redeem(code: string | null): boolean;
}

export function oneTimeCodes(now: () => number = Date.now): OneTimeCodes {
  const live = new Map<string, number>();
  const digest = (code: string) => createHash('sha256').update(code, 'utf8').digest('hex');
  return {
    issue: () => {
      const code = randomBytes(32).toString('base64url');
      live.set(digest(code), now() + CODE_TTL_MS);
      return code;
    },
    redeem: (code) => {
      if (code === null || code === '') return false;
      const key = digest(code);
      const expiresAt = live.get(key);
      live.delete(key);
      return expiresAt !== undefined && now() <= expiresAt;
    },
  };
}
