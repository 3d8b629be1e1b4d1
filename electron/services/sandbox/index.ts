/** The sandbox DC's public surface: the app embeds it as its "Sandbox" DCs; tests start it per file. */
export {
  accessTokenLifetimeProblem,
  startSandbox,
  type DemoClient,
  type SandboxHandle,
  type SandboxOptions,
} from './server';
export type { SandboxClient, SandboxClientKey, SandboxUser, LogEntry } from './model';
export { DEFAULT_REDIRECT_URI, SANDBOX_USERS, type FixedClients } from './seed';
export { ACCESS_DENIED_BODY, ACCESS_DENIED_DESCRIPTION } from './limits';
export { CLIENT_ID_PATTERN, TOKEN_PATTERN } from './ids';
