import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

// Shapes copied from what Zoho's API console and accounts server hand out, so parsers and
// masking code in the app meet realistic values (zoho-oauth.md, "Token endpoint").

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** `1000.` + 30 uppercase letters and digits, like a client id from api-console.zoho.com. */
export function newClientId(prefix: '1000' | '1004' = '1000'): string {
  let id = `${prefix}.`;
  for (let i = 0; i < 30; i++) id += UPPER_ALNUM.charAt(randomInt(UPPER_ALNUM.length));
  return id;
}

/** 42 lowercase hex characters, the length of a Zoho client secret. */
export function newClientSecret(): string {
  return issued(hex(21));
}

/** `1000.` + 32 hex + `.` + 32 hex: the shape of Zoho grant codes, access and refresh tokens. */
export function newToken(prefix: '1000' | '1004' = '1000'): string {
  return issued(`${prefix}.${hex(16)}.${hex(16)}`);
}

/** RFC 8628 6.1's user-code alphabet: 20 consonants, no vowels (no words), no look-alike 0/O, 1/I. */
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

/** `BCDF-GHJK`: 8 characters of 20 (about 34 bits), typed by a person, so short and unambiguous. */
export function newUserCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += USER_CODE_ALPHABET.charAt(randomInt(USER_CODE_ALPHABET.length));
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed, as stored: case and separators (spaces, dashes) do not matter (RFC 8628 6.1). */
export function normalizeUserCode(typed: string): string {
  const letters = typed.toUpperCase().replace(/[\s-]/g, '');
  return letters.length === 8 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}

/**
 * The test suite's leak scan: when TOKENBENCH_LEAK_SCAN_DIR is set, every secret the sandbox mints
 * is written there, so that after the whole suite the data folders and the CLI's output can be
 * searched for each one (test/support/leak-scan.ts). These are the sandbox's fake secrets, and only
 * the test runner sets the variable.
 */
function issued(value: string): string {
  const dir = process.env.TOKENBENCH_LEAK_SCAN_DIR;
  if (dir !== undefined && dir !== '')
    appendFileSync(join(dir, `issued-${String(process.pid)}.txt`), `${value}\n`);
  return value;
}

export const CLIENT_ID_PATTERN = /^100[04]\.[A-Z0-9]{30}$/;
export const TOKEN_PATTERN = /^100[04]\.[0-9a-f]{32}\.[0-9a-f]{32}$/;

/** Constant-time comparison for secrets and PKCE values (no early exit on the first differing byte). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** RFC 7636 4.2: S256 is BASE64URL(SHA256(code_verifier)); plain compares the verifier itself. */
export function pkceMatches(verifier: string, challenge: string, method: 'S256' | 'plain'): boolean {
  const derived = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return safeEqual(derived, challenge);
}
