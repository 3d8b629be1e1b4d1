import type { RateRule } from '../../../shared/limits/profile';

/**
 * Rolling-window rate rules, written independently of shared/limits/ledger on purpose: this server
 * plays "Zoho", and the ledger is tested against it.
 *
 * Readings of Kaizen #43 (seed 000) documented here:
 * - A window is the last `windowMs` before now; a creation at t stops counting at t + windowMs.
 * - Only successful creations count; a denied attempt neither counts nor extends anything.
 * - Lock-out: once a key is denied ("restricting any further token generation"), it stays denied
 *   until the window frees a slot, i.e. until its oldest counted creation leaves the window. That
 *   instant is fixed at the first denial and stored, so repeated attempts do not move it.
 */
export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAt: number };

export class RateLimiter {
  private readonly events = new Map<string, number[]>();
  private readonly lockedUntil = new Map<string, number>();

  check(key: string, rule: RateRule, now: number): RateDecision {
    const locked = this.lockedUntil.get(key);
    if (locked !== undefined) {
      if (now < locked) return { allowed: false, retryAt: locked };
      this.lockedUntil.delete(key);
    }
    const inWindow = this.prune(key, rule, now);
    const oldest = inWindow[0];
    if (inWindow.length >= rule.perWindow && oldest !== undefined) {
      const retryAt = oldest + rule.windowMs;
      this.lockedUntil.set(key, retryAt);
      return { allowed: false, retryAt };
    }
    return { allowed: true };
  }

  record(key: string, now: number): void {
    const list = this.events.get(key) ?? [];
    list.push(now);
    this.events.set(key, list);
  }

  /** How many creations the key has in the current window (for /sandbox/info and tests). */
  count(key: string, rule: RateRule, now: number): number {
    return this.prune(key, rule, now).length;
  }

  clear(): void {
    this.events.clear();
    this.lockedUntil.clear();
  }

  private prune(key: string, rule: RateRule, now: number): number[] {
    const kept = (this.events.get(key) ?? []).filter((t) => t > now - rule.windowMs);
    if (kept.length === 0) this.events.delete(key);
    else this.events.set(key, kept);
    return kept;
  }
}

export const grantKey = (clientId: string): string => `grant:${clientId}`;
export const accessKey = (refreshId: number): string => `access:${refreshId}`;
export const refreshKey = (clientId: string, zuid: string): string => `refresh:${clientId}:${zuid}`;

/** Zoho's answer to any exceeded token limit: HTTP 200 and this exact body (zoho-oauth.md). */
export const ACCESS_DENIED_DESCRIPTION =
  'You have made too many requests continuously. Please try again after some time.';
export const ACCESS_DENIED_BODY = {
  error_description: ACCESS_DENIED_DESCRIPTION,
  error: 'Access Denied',
  status: 'failure',
} as const;
