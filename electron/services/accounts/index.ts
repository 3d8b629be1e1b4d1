/** The Zoho accounts client: sends the requests shared/oauth builds and classifies the answers. */
export {
  createAccountsClient,
  type AccountsClient,
  type AccountsClientOptions,
  type AccountsFailure,
  type AccountsFailureCode,
  type AccountsResult,
  type CallTrace,
} from './client';
export type { NetworkCause } from './network-errors';
export { createScrubber, mask, redactBody, requestSecrets, type Scrub } from './redact';
export type { FetchLike } from './send';
