import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandWords, splitGlobals } from '../../electron/cli/args';
import { COMMANDS } from '../../electron/cli/commands';
import { UsageError } from '../../electron/cli/exit';
import { CliWorkspace } from '../support/cli-harness';

const cli = new CliWorkspace();
afterAll(() => cli.close());

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('tokenbench --help and --version', () => {
  it('lists every command and the exit codes, and prints the package version', async () => {
    const help = await cli.run(['--help']);
    expect(help.code).toBe(0);
    for (const spec of COMMANDS) expect(help.stdout).toContain(spec.path.join(' '));
    expect(help.stdout).toMatch(/Exit codes: 0 done, 1 failed.*2 wrong usage, 3 refused by the limit guard/);
    const shown = await cli.run(['--version']);
    expect(shown).toMatchObject({ code: 0, stdout: `tokenbench ${version}\n`, stderr: '' });
  });

  it('has help for each command, by --help or by `help`', async () => {
    const results = await Promise.all(COMMANDS.map((spec) => cli.run([...spec.path, '--help'])));
    for (const [i, spec] of COMMANDS.entries()) {
      const path = spec.path.join(' ');
      const viaFlag = results[i] ?? { code: null, stdout: '' };
      expect(viaFlag.code, path).toBe(0);
      expect(viaFlag.stdout).toMatch(new RegExp(`^Usage: tokenbench ${path}`));
      for (const name of Object.keys(spec.options)) expect(viaFlag.stdout).toContain(`--${name}`);
    }
    const viaWord = await cli.run(['help', 'dc', 'add']);
    expect(viaWord.stdout).toMatch(
      /^Usage: tokenbench dc add --id ID --name NAME --accounts-url URL --api-domain URL/,
    );
    const group = await cli.run(['env', '--help']);
    expect(group.stdout).toMatch(/^Usage: tokenbench env <list\|import\|export\|place>/);
  });
});

describe('wrong usage', () => {
  const cases: readonly (readonly string[])[] = [
    [],
    ['frob'],
    ['dc'],
    ['dc', 'frob'],
    ['dc', 'add', '--id'],
    ['dc', 'add', '--id', 'x', '--accounts-url', 'https://a.example', '--api-domain', 'https://b.example'],
    ['dc', 'list', '--json=yes'],
    ['client', 'list', '--frob'],
    ['client', 'add', '--name', 'n', '--dc', 'us', '--client-id', '1000.X', '--type', 'mobile'],
    ['authorize', '--client', 'x', '--scope', 'A', '--access-type', 'sometimes'],
    ['authorize', '--client', 'x', '--scope', ' , '],
    ['authorize', '--client', 'x', '--scope', 'A', '--timeout', '0'],
    ['authorize', '--client', 'x', '--scope', 'A', '--timeout', 'soon'],
    ['refresh'],
    ['revoke', '--client', 'x'],
    ['exchange', '--client', 'x', '--code'],
    ['env', 'import'],
    ['env', 'import', 'a.json', 'b.json'],
    ['env', 'export', '--env', 'x', '--format', 'csv'],
    ['status', 'extra'],
    ['--home'],
  ];

  it('exits 2 with one stderr line that points at --help, before touching the workspace', async () => {
    const results = await Promise.all(cases.map((args) => cli.run(args)));
    for (const [i, args] of cases.entries()) {
      const result = results[i] ?? { code: null, stdout: '', stderr: '' };
      const label = JSON.stringify(args);
      expect(result.code, label).toBe(2);
      expect(result.stdout, label).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines, label).toHaveLength(1);
      expect(lines[0], label).toMatch(/^tokenbench: .+ See 'tokenbench[^']*--help'\.$/);
    }
    expect(existsSync(join(cli.home, 'workspace.db'))).toBe(false);
  });

  it('names the problem in plain words', async () => {
    const unknown = await cli.run(['dc', 'list', '--frob']);
    expect(unknown.stderr).toBe("tokenbench: unknown option --frob. See 'tokenbench dc list --help'.\n");
    const missing = await cli.run(['revoke', '--client', 'x']);
    expect(missing.stderr).toContain('--refresh-token is required');
    const choice = await cli.run([
      'client',
      'add',
      '--name',
      'n',
      '--dc',
      'us',
      '--client-id',
      'c',
      '--type',
      'web',
    ]);
    expect(choice.stderr).toContain('--type must be server or self or device, not "web"');
  });
});

describe('argument splitting', () => {
  it('takes global options from anywhere and leaves the command in order', () => {
    expect(splitGlobals(['--home', '/a', 'dc', 'list', '--json'])).toEqual({
      home: '/a',
      help: false,
      version: false,
      rest: ['dc', 'list', '--json'],
    });
    expect(splitGlobals(['dc', 'add', '--home=/b', '-h']).home).toBe('/b');
    expect(splitGlobals(['dc', 'add', '-h']).help).toBe(true);
    expect(() => splitGlobals(['dc', 'list', '--home', '--json'])).toThrow(UsageError);
  });

  it('reads at most three words as the command', () => {
    expect(commandWords(['help', 'env', 'import', 'file.json'])).toEqual(['help', 'env', 'import']);
    expect(commandWords(['status', '--client', 'x'])).toEqual(['status']);
    expect(commandWords(['--json', 'dc'])).toEqual([]);
  });
});
