import { createHash, timingSafeEqual } from 'node:crypto';
import type { StrayReason } from './pages';
import type { LoopbackTarget } from './redirect-uri';

export interface RequestLine {
  readonly method: string | undefined;
  /** The raw request-target (`/callback?code=…`). */
  readonly target: string | undefined;
  readonly host: string | undefined;
}

export type Verdict =
  | {
      readonly kind: 'callback';
      /** The redirect URI's origin + the request target: what validateCallback will check. */
      readonly url: string;
      readonly denial: { readonly error: string; readonly description: string | null } | null;
    }
  | { readonly kind: 'stray'; readonly reason: StrayReason };

/**
 * Decides whether a request is the redirect being waited for. Only capture happens here; the
 * callback's meaning (code, error, DC) is judged later by the pure validateCallback.
 */
export function classifyRequest(
  request: RequestLine,
  target: LoopbackTarget,
  expectedState: string,
): Verdict {
  // DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 still sends its own Host.
  if (request.host?.toLowerCase() !== target.host) return stray('bad_host');
  if (request.method !== 'GET') return stray('bad_method');
  const raw = request.target ?? '';
  const url = parseTarget(raw, target.origin);
  if (!url) return stray('bad_target');
  if (url.pathname !== target.pathname) return stray('wrong_path');
  const query = url.searchParams;
  // RFC 6749 §10.12: a redirect without our state may be forged (CSRF), so it is not the callback,
  // whether it carries a code or an error. A denial with the right state is the callback.
  if (!sameSecret(query.get('state'), expectedState)) return stray('wrong_state');
  const error = query.get('error');
  return {
    kind: 'callback',
    url: `${target.origin}${raw}`,
    denial: error === null ? null : { error, description: query.get('error_description') },
  };
}

const stray = (reason: StrayReason): Verdict => ({ kind: 'stray', reason });

/** Origin-form only (`/path?query`): an absolute or `//host` target could name another origin. */
function parseTarget(raw: string, origin: string): URL | null {
  if (!raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    const url = new URL(raw, origin);
    return url.origin === origin ? url : null;
  } catch {
    return null;
  }
}

/** Compares in constant time; hashing first makes the lengths equal, so length leaks nothing either. */
function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
