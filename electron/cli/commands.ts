import type { CommandSpec } from './args';
import { AUTHORIZE } from './authorize';
import { CLIENT_COMMANDS } from './client';
import { CLIENT_CREDENTIALS } from './client-credentials';
import { DC_COMMANDS } from './dc';
import { DEVICE } from './device';
import { ENV_COMMANDS } from './env';
import { LOG } from './log';
import { SCOPES } from './scopes';
import { STATUS } from './status';
import { STORE_COMMANDS } from './store';
import { TOKEN_COMMANDS } from './tokens';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  ...DC_COMMANDS,
  ...CLIENT_COMMANDS,
  AUTHORIZE,
  DEVICE,
  CLIENT_CREDENTIALS,
  ...TOKEN_COMMANDS,
  STATUS,
  LOG,
  SCOPES,
  ...ENV_COMMANDS,
  ...STORE_COMMANDS,
];

export type Lookup =
  | { readonly kind: 'command'; readonly spec: CommandSpec }
  | { readonly kind: 'group'; readonly group: string; readonly sub: string | undefined }
  | { readonly kind: 'unknown' };

/** `dc add` → that command; `dc` or `dc frob` → the group (for its help or "no such subcommand"). */
export function lookup(words: readonly string[]): Lookup {
  const [first, second] = words;
  const single = COMMANDS.find((s) => s.path.length === 1 && s.path[0] === first);
  if (single !== undefined) return { kind: 'command', spec: single };
  const inGroup = COMMANDS.filter((s) => s.path.length === 2 && s.path[0] === first);
  if (first === undefined || inGroup.length === 0) return { kind: 'unknown' };
  const spec = inGroup.find((s) => s.path[1] === second);
  return spec === undefined ? { kind: 'group', group: first, sub: second } : { kind: 'command', spec };
}
