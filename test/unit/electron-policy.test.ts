/**
 * Issue 8 item 6: the Electron shell's policies, as plain modules under Node (the Electron binary
 * cannot be fetched here; test/e2e/electron-launch.test.ts checks the same where it exists).
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZOHO_DCS, type DataCenter } from '../../shared/dc/catalog';
import { judgeExternalUrl } from '../../electron/services/external-urls';
import { answerAppRequest, RENDERER_URL } from '../../electron/shell/app-protocol';
import { RENDERER_CSP } from '../../electron/shell/csp';
import { judgeSender, refusedSenderLine } from '../../electron/shell/ipc-sender';
import { allowPermission } from '../../electron/shell/permissions';

const load = createRequire(import.meta.url);

describe('electron-builder.yml', () => {
  const yaml = load('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as {
    electronFuses?: Record<string, unknown>;
  };
  const schema = load('app-builder-lib/scheme.json') as {
    definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
  };

  it('sets the fuses of the Electron security checklist, each a name electron-builder 26 knows', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    for (const fuse of Object.keys(config.electronFuses ?? {})) expect(known).toContain(fuse);
  });
});

describe('the renderer CSP', () => {
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
    readFileSync('renderer/index.html', 'utf8'),
  )?.[1];

  it("says base-uri 'none' and form-action 'none', in the app:// header and in index.html", () => {
    for (const policy of [RENDERER_CSP, meta ?? ''])
      for (const directive of [
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
        "script-src 'self'",
      ])
        expect(policy.split('; ')).toContain(directive);
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
  });
});

describe('the app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'tokenbench-app-'));
  mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>Tokenbench</title>');
  writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'not for the page');
  symlinkSync(join(root, 'secret.txt'), join(root, 'renderer', 'assets', 'link.js'));
  const dir = join(root, 'renderer');

  it('serves the renderer build with the CSP header, and nothing outside it', () => {
    const index = answerAppRequest(RENDERER_URL, dir);
    expect(index.status).toBe(200);
    expect(index.headers['Content-Security-Policy']).toBe(RENDERER_CSP);
    expect(index.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(answerAppRequest('app://tokenbench/assets/app.js', dir).status).toBe(200);
    for (const url of [
      'app://tokenbench/../secret.txt',
      'app://tokenbench/%2e%2e/secret.txt',
      'app://tokenbench/assets/link.js',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://tokenbench/assets/',
    ])
      expect(answerAppRequest(url, dir).status, url).toBe(404);
  });
});

describe('permissions', () => {
  const ours = { requestingUrl: 'app://tokenbench/index.html', isMainFrame: true };

  it('refuses every permission, for requests and checks, but a clipboard write from our own page', () => {
    for (const permission of [
      'geolocation',
      'media',
      'notifications',
      'clipboard-read',
      'midi',
      'openExternal',
    ])
      expect(allowPermission({ permission, ...ours }), permission).toBe(false);
    expect(allowPermission({ permission: 'clipboard-sanitized-write', ...ours })).toBe(true);
    expect(
      allowPermission({
        permission: 'clipboard-sanitized-write',
        requestingUrl: 'https://evil.example',
        isMainFrame: true,
      }),
    ).toBe(false);
    expect(allowPermission({ permission: 'clipboard-sanitized-write', ...ours, isMainFrame: false })).toBe(
      false,
    );
  });
});

describe('IPC senders', () => {
  const ours = { ourWindow: true, mainFrame: true, frameUrl: 'app://tokenbench/index.html#/tokens' };

  it('trusts only the main frame of our window showing our renderer, and says why not', () => {
    expect(judgeSender(ours)).toEqual({ ok: true });
    expect(judgeSender({ ...ours, ourWindow: false })).toMatchObject({
      ok: false,
      reason: 'not a window Tokenbench created',
    });
    expect(judgeSender({ ...ours, mainFrame: false })).toMatchObject({
      ok: false,
      reason: 'not the main frame',
    });
    for (const frameUrl of [
      'file:///tmp/index.html',
      'https://evil.example/index.html',
      'app://tokenbench/other.html',
      null,
    ])
      expect(judgeSender({ ...ours, frameUrl }).ok, String(frameUrl)).toBe(false);
  });

  it('logs a refused sender by origin and path, with nothing raw and no query', () => {
    const facts = { ...ours, ourWindow: false, frameUrl: 'https://evil.example/\u202egnp?key=abc' };
    expect(refusedSenderLine('tokens:reveal', facts, 'not a window Tokenbench created')).toBe(
      'tokenbench: refused IPC tokens:reveal from "https://evil.example/%E2%80%AEgnp": not a window Tokenbench created',
    );
  });
});

describe('shell.openExternal', () => {
  const custom: DataCenter = {
    id: 'private',
    name: 'Private test server',
    accountsUrl: 'https://accounts.private.example',
    apiDomain: 'https://api.private.example',
    developerApiDomain: null,
    sandboxApiDomain: null,
    kind: 'custom',
  };
  const sandbox: DataCenter = {
    ...custom,
    id: 'sandbox-us',
    accountsUrl: 'http://127.0.0.1:4000',
    kind: 'sandbox',
  };
  const consent = (origin: string) => `${origin}/oauth/v2/auth?client_id=1000.X&response_type=code`;

  it("opens Zoho's consent pages and the sandbox's; a custom DC's only once the user added it", () => {
    const none = { userAdded: [], sandbox: [sandbox] };
    for (const dc of ZOHO_DCS)
      expect(judgeExternalUrl(consent(dc.accountsUrl), none), dc.id).toEqual({ ok: true });
    expect(judgeExternalUrl(consent(sandbox.accountsUrl), none)).toEqual({ ok: true });
    expect(judgeExternalUrl(consent(custom.accountsUrl), none)).toEqual({
      ok: false,
      reason: 'a host that is neither Zoho’s nor a DC the user added',
    });
    expect(judgeExternalUrl(consent(custom.accountsUrl), { userAdded: [custom], sandbox: [] })).toEqual({
      ok: true,
    });
  });

  it("opens the API console page only at the running sandbox, never at Zoho's or a custom DC", () => {
    const path = '/api-console/self-client?client_id=1000.X';
    const dcs = { userAdded: [custom], sandbox: [sandbox] };
    expect(judgeExternalUrl(`${sandbox.accountsUrl}${path}`, dcs)).toEqual({ ok: true });
    for (const origin of [custom.accountsUrl, ZOHO_DCS[0]?.accountsUrl ?? '', 'http://127.0.0.1:4001'])
      expect(judgeExternalUrl(`${origin}${path}`, dcs), origin).toEqual({
        ok: false,
        reason: 'an API console page not at the running sandbox',
      });
  });

  it('refuses other pages, schemes, credentials and plain http away from loopback', () => {
    const dcs = { userAdded: [custom], sandbox: [{ ...sandbox, accountsUrl: 'http://sandbox.example' }] };
    const refused = [
      'https://accounts.zoho.com/signin',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pw@accounts.zoho.com/oauth/v2/auth',
      'http://accounts.zoho.com/oauth/v2/auth',
      'http://sandbox.example/oauth/v2/auth',
      'not a url',
    ];
    for (const url of refused) expect(judgeExternalUrl(url, dcs).ok, url).toBe(false);
  });
});
