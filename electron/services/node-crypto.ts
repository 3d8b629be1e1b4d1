import { createHash, randomBytes } from 'node:crypto';
import type { CryptoPort } from '../../shared/oauth/authorize';

/** The CryptoPort the OAuth steps in shared/ take, backed by node:crypto. */
export const nodeCrypto: CryptoPort = {
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
  sha256: (data) => Promise.resolve(new Uint8Array(createHash('sha256').update(data).digest())),
};
