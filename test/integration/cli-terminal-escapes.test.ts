/**
 * Issue 8 item 3: strings from a file, a server or the workspace reach the terminal with their
 * control characters made visible. Each test feeds escape sequences to the real `tokenbench` (a child
 * process) the way an attacker on this machine could: a crafted Postman file, a hostile accounts
 * server added as a DC, a forged redirect on the loopback listener. The output must hold no raw
 * control byte, no bidi override and no invisible character, and still say what happened.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EnvironmentRecord } from '../../shared/workspace/model';
import { hasUnsafeCharacters, visible } from '../../shared/text/visible';
import { lines, useSandboxCli } from '../support/cli-sandbox';
import type { CliResult } from '../support/cli-harness';
import { AUTHORIZE_DEMO } from '../support/cli-consent';

const env = useSandboxCli();

/** Set the window title, clear the screen, go home, rewrite the line, reorder a token (RLO). */
const HOSTILE =
  '\u001b]0;owned\u0007\u001b[2J\u001b[H\rtokenbench: all good \u202egnp.exe\u202c \u009b31m\u200b';

/** Every raw control character the output may hold: the line breaks between its own lines. */
function expectNothingRaw(result: CliResult): void {
  for (const [name, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const)
    for (const line of text.split('\n'))
      expect(hasUnsafeCharacters(line), `${name}: ${visible(line)}`).toBe(false);
}

let hostile: Server | undefined;
afterEach(async () => {
  const server = hostile;
  hostile = undefined;
  if (server !== undefined)
    await new Promise((resolve) => {
      server.close(resolve);
    });
});

describe('the CLI shows hostile strings, never obeys them', () => {
  it('an environment name from a crafted Postman file, in a sentence, a table and JSON', async () => {
    const file = env.cli.inputFile(
      'crafted.postman_environment.json',
      JSON.stringify({ name: `Dev ${HOSTILE}`, values: [{ key: 'org', value: 'x', enabled: true }] }),
    );
    const imported = await env.cli.run(['env', 'import', file]);
    expect(imported.code, imported.stderr).toBe(0);
    expectNothingRaw(imported);
    expect(imported.stdout).toContain('Imported environment "Dev \\u001b]0;owned\\u0007\\u001b[2J');
    expect(imported.stdout).toContain('\\u202egnp.exe\\u202c');

    const table = await env.cli.run(['env', 'list']);
    expectNothingRaw(table);
    expect(lines(table.stdout)).toHaveLength(2);
    expect(table.stdout).toContain('\\u009b31m\\u200b');

    // JSON escapes mean the same characters: a script still reads the name exactly as stored.
    const listed = await env.cli.run(['env', 'list', '--json']);
    expectNothingRaw(listed);
    expect((JSON.parse(listed.stdout) as EnvironmentRecord[])[0]?.name).toBe(`Dev ${HOSTILE}`);
  });

  it("a DC's error field, from a hostile accounts server added as a DC", async () => {
    hostile = createServer((request, response) => {
      request.resume();
      // Zoho answers errors with HTTP 200 and an `error` field (zoho-oauth.md); so does this one.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: HOSTILE }));
    });
    await new Promise<void>((resolve) => hostile?.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${String((hostile.address() as AddressInfo).port)}`;
    const dc = ['dc', 'add', '--id', 'evil', '--name', 'Evil', '--accounts-url', base, '--api-domain', base];
    expect((await env.cli.run(dc)).code).toBe(0);
    const client = ['client', 'add', '--name', 'victim', '--dc', 'evil', '--client-id', '1000.VICTIM'];
    expect((await env.cli.run([...client, '--type', 'self'], { input: 'a-client-secret' })).code).toBe(0);

    const result = await env.cli.run(['exchange', '--client', 'victim'], { input: '1000.grant.code' });
    expect(result.code).toBe(1);
    expectNothingRaw(result);
    expect(lines(result.stderr)).toEqual([expect.stringContaining('tokenbench: \\u001b]0;owned\\u0007')]);
  });

  it("a redirect's error_description, forged on the loopback listener", async () => {
    await env.addClient('demo');
    const running = env.cli.start(AUTHORIZE_DEMO);
    running.child.stdin.end();
    const consent = new URL(await running.line(/^http/));
    const redirect = new URL(consent.searchParams.get('redirect_uri') ?? '');
    redirect.searchParams.set('state', consent.searchParams.get('state') ?? '');
    redirect.searchParams.set('error', 'access_denied');
    redirect.searchParams.set('error_description', HOSTILE);
    await fetch(redirect);
    const result = await running.done;
    expect(result.code).toBe(1);
    expectNothingRaw(result);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        /^tokenbench: access_denied: .*\\u001b\]0;owned\\u0007\\u001b\[2J\\u001b\[H\\(u000d|r)tokenbench: all good/,
      ),
    ]);
  });
});
