/**
 * Issue 8 item 7: no secret in argv, where every local user reads it (`ps`, /proc/PID/cmdline).
 * The real `tokenbench` runs as a child process against the real sandbox; the test reads the
 * child's command line from /proc while it runs, as another user's `ps` would.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../shared/ipc/views';
import { COMMANDS } from '../../electron/cli/commands';
import { lines, useSandboxCli } from '../support/cli-sandbox';

const env = useSandboxCli();

/** What `ps -o args= -p PID` shows any user of the machine. */
const commandLineOf = (pid: number): string =>
  readFileSync(`/proc/${String(pid)}/cmdline`, 'utf8')
    .split('\0')
    .join(' ');

describe('tokenbench exchange', () => {
  it('reads the grant code on standard input, so the process list never shows it', async () => {
    await env.addClient('self');
    const code = await env.selfClientCode();
    const running = env.cli.start(['exchange', '--client', 'self', '--json']);
    const pid = running.child.pid ?? 0;
    // Until exec, /proc shows the parent's command line; wait for the CLI's own.
    await expect.poll(() => commandLineOf(pid)).toContain('exchange --client self --json');
    const seen = commandLineOf(pid);
    running.child.stdin.end(`${code}\n`);
    const result = await running.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(seen).not.toContain(code);
    const outcome = JSON.parse(result.stdout) as TokenOutcome;
    expect(outcome.accessToken.kind).toBe('access');
  });

  it('says how to pass the code when none comes, and still takes --code with a warning', async () => {
    await env.addClient('self');
    const none = await env.cli.run(['exchange', '--client', 'self']);
    expect(none.code).toBe(2);
    expect(lines(none.stderr)).toEqual([
      expect.stringMatching(
        /^tokenbench: the grant code is read from standard input, and none came: pipe it in/,
      ),
    ]);
    const old = await env.cli.run(['exchange', '--client', 'self', '--code', await env.selfClientCode()]);
    expect(old.code, old.stderr).toBe(0);
    expect(lines(old.stderr)).toEqual([
      'tokenbench: warning: --code shows the grant code to every user of this machine (ps); pipe it on standard input instead: printf %s "$CODE" | tokenbench exchange --client NAME',
    ]);
    expect(old.stdout).toContain('Tokens issued for client "self"');
  });
});

describe('every command', () => {
  it('takes no secret as an option: only ids, names, URLs and flags (and the warned --code)', () => {
    const secretish = /secret|password|token|code|key/i;
    const named = COMMANDS.flatMap((spec) =>
      Object.entries(spec.options)
        .filter(([name, option]) => option.type === 'string' && secretish.test(name))
        .map(([name, option]) => `${spec.path.join(' ')} --${name} ${option.value ?? ''}`),
    );
    // --refresh-token and --access-token take Tokenbench's id of the token (rt_…, at_…), never the token.
    expect(named.sort()).toEqual([
      'env place --access-token ID',
      'exchange --code CODE',
      'refresh --refresh-token ID',
      'revoke --refresh-token ID',
      'store hand-over --refresh-token ID',
    ]);
  });

  it('does not echo a token pasted where its id belongs', async () => {
    await env.addClient('self');
    const outcome = JSON.parse(
      (await env.cli.run(['exchange', '--client', 'self', '--json'], { input: await env.selfClientCode() }))
        .stdout,
    ) as TokenOutcome;
    const pasted = '1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210';
    const revoke = await env.cli.run(['revoke', '--client', 'self', '--refresh-token', pasted]);
    expect(revoke.code).toBe(2);
    expect(revoke.stderr).not.toContain(pasted);
    expect(revoke.stderr).toContain('has no refresh token with that id (ids look like rt_…)');
    expect(revoke.stderr).toContain(outcome.refreshToken?.id ?? 'rt_');
  });
});
