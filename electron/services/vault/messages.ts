/**
 * What to tell a person when the keychain does not work, per platform: the fix they can make, and the
 * reassurance that nothing was written to disk instead (there is no plaintext fallback).
 */
const ADVICE: Partial<Record<NodeJS.Platform, string>> = {
  linux:
    'The system keychain is not available: start a keyring such as GNOME Keyring (Secret Service) and unlock it, then try again.',
  darwin:
    'The macOS Keychain is not available: unlock your login keychain in Keychain Access and allow Tokenbench when macOS asks, then try again.',
  win32:
    'Windows Credential Manager is not available: sign in with your normal Windows account (not a temporary profile) and make sure the Credential Manager service is running, then try again.',
};

const GENERIC =
  'The system keychain is not available: make sure a keychain service is running and unlocked, then try again.';

const NOT_SAVED = 'Nothing was saved in plain text.';

export type UnavailableReason =
  | { readonly kind: 'timeout'; readonly ms: number }
  | { readonly kind: 'load'; readonly detail: string }
  | { readonly kind: 'call'; readonly detail: string }
  | { readonly kind: 'mismatch' };

export function unavailableMessage(platform: NodeJS.Platform, reason: UnavailableReason): string {
  const advice = ADVICE[platform] ?? GENERIC;
  return `${advice} ${NOT_SAVED} ${explain(platform, reason)}`.trim();
}

function explain(platform: NodeJS.Platform, reason: UnavailableReason): string {
  switch (reason.kind) {
    case 'timeout':
      return `(The keychain did not answer within ${formatSeconds(reason.ms)}.)`;
    case 'load': {
      // keytar on Linux needs libsecret; its absence shows up as a failed dlopen when keytar loads.
      const hint = platform === 'linux' ? ' Install libsecret (Debian/Ubuntu: libsecret-1-0).' : '';
      return `(The keychain library could not be loaded: ${reason.detail}.${hint})`;
    }
    case 'call':
      return reason.detail ? `(The keychain said: ${reason.detail}.)` : '';
    case 'mismatch':
      return '(The keychain did not give back the value it was given.)';
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * An error's message, safe to show: one line, and dropped entirely if it somehow contains the value
 * being stored (keytar's messages never do, but the rule "no secret in error messages" is cheap to keep).
 */
export function errorDetail(error: unknown, secret?: string): string {
  const raw = error instanceof Error ? error.message : String(error);
  const line = raw.split('\n', 1)[0]?.trim().replace(/\.$/, '') ?? '';
  if (secret && line.includes(secret)) return '';
  return line.slice(0, 200);
}
