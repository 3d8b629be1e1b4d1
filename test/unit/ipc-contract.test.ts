import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { buildApi, methodName, type TokenbenchApi } from '../../shared/ipc/api';
import { CHANNEL_NAMES, CONTRACT, EVENTS, EVENT_NAMES, type ChannelName } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/define';
import { ok } from '../../shared/result';
import type { DataCenter } from '../../shared/dc/catalog';
import { createMemoryVault } from '../../electron/services/vault/memory-vault';
import { dispatch, type Handlers } from '../../electron/services/workbench/handlers';
import { createWorkbench } from '../../electron/services/workbench/workbench';

/** The contract, the handler table and the page API must name the same channels (architecture.md). */
const home = mkdtempSync(join(tmpdir(), 'tokenbench-ipc-'));
const opened = createWorkbench({
  home,
  vault: createMemoryVault(),
  openBrowser: () => Promise.resolve(undefined),
  clipboard: { writeText: () => undefined },
});
if (!opened.ok) throw new Error(opened.message);
const { handlers } = opened.value;

afterAll(async () => {
  await opened.value.close();
  rmSync(home, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

interface Recorded {
  readonly api: TokenbenchApi;
  readonly calls: { channel: string; args: unknown }[];
  readonly subscribed: string[];
}

function recordingApi(): Recorded {
  const calls: { channel: string; args: unknown }[] = [];
  const subscribed: string[] = [];
  const api = buildApi(
    {
      invoke: (channel, args) => {
        calls.push({ channel, args });
        return Promise.resolve(ok(null));
      },
      subscribe: (event) => {
        subscribed.push(event);
        return () => undefined;
      },
    },
    'web',
  );
  return { api, calls, subscribed };
}

/** Walks the API object: every function under a domain, called once, as `domain:method`. */
async function walk(api: TokenbenchApi): Promise<string[]> {
  const methods: string[] = [];
  for (const [domain, value] of Object.entries(api)) {
    if (typeof value !== 'object') continue;
    for (const [name, method] of Object.entries(value as Record<string, unknown>)) {
      expect(typeof method).toBe('function');
      await (method as () => Promise<unknown>)();
      methods.push(`${domain}:${name}`);
    }
  }
  return methods;
}

const sorted = (names: readonly string[]) => [...names].sort();

describe('the IPC contract', () => {
  it('lists the same channels and events for the page as the schemas hold', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(CONTRACT).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(EVENTS).sort());
  });

  it('names every channel and event domain:verb in kebab case, and no event shares a channel name', () => {
    for (const name of [...CHANNEL_NAMES, ...EVENT_NAMES]) expect(name).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
    expect(EVENT_NAMES.filter((e) => (CHANNEL_NAMES as readonly string[]).includes(e))).toEqual([]);
  });

  it('has exactly one handler per channel, the token and consent flows included', () => {
    expect(sorted(Object.keys(handlers))).toEqual(sorted(CHANNEL_NAMES));
    for (const flow of [
      'consent:start',
      'consent:paste-url',
      'consent:cancel',
      'tokens:exchange-code',
      'tokens:refresh',
      'tokens:revoke',
      'tokens:check',
    ]) {
      expect(CHANNEL_NAMES).toContain(flow);
    }
  });

  it('is what the page API exposes: one method per channel, each calling its own channel', async () => {
    const { api, calls } = recordingApi();
    const methods = await walk(api);
    const expected = CHANNEL_NAMES.map((c) => {
      const [domain = '', verb = ''] = c.split(':');
      return `${domain}:${methodName(verb)}`;
    });
    expect(sorted(methods)).toEqual(sorted(expected));
    expect(sorted(calls.map((c) => c.channel))).toEqual(sorted(CHANNEL_NAMES));
    expect(calls.every((c) => typeof c.args === 'object' && c.args !== null)).toBe(true);
  });

  it('exposes no generic invoke: the only functions at the top are `on`', () => {
    const { api } = recordingApi();
    const topFunctions = Object.entries(api).filter(([, v]) => typeof v === 'function');
    expect(topFunctions.map(([k]) => k)).toEqual(['on']);
    expect(api.shell).toBe('web');
    expect(Object.isFrozen(api) && Object.isFrozen(api.dcs)).toBe(true);
  });

  it('subscribes only to the contract events', () => {
    const { api, subscribed } = recordingApi();
    const stop = api.on('tokens:changed', () => undefined);
    expect(subscribed).toEqual(['tokens:changed']);
    expect(typeof stop).toBe('function');
    expect(() => api.on('ipc:anything' as 'tokens:changed', () => undefined)).toThrow(TypeError);
    expect(subscribed).toEqual(['tokens:changed']);
  });

  it('types the page API from the contract', () => {
    const { api } = recordingApi();
    expectTypeOf(api.dcs.list).returns.toEqualTypeOf<Promise<IpcResult<readonly DataCenter[]>>>();
    expectTypeOf(api.environments.setVariable).parameter(0).toHaveProperty('environmentId');
    expectTypeOf(api.tokens.list).toBeCallableWith();
    expectTypeOf(api.consent.pasteUrl).toBeCallableWith({ flowId: 'flow_1', url: 'http://127.0.0.1/cb' });
  });
});

describe('dispatch', () => {
  it('refuses arguments that do not fit, naming the field in words and in detail', async () => {
    const result = await dispatch(handlers, 'clients:save', { name: '', dcId: 'us' });
    expect(result).toMatchObject({ ok: false, code: 'invalid_arguments' });
    if (result.ok) return;
    expect(result.message).toMatch(/^clients:save: name /);
    const fields = (result.detail as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'zohoClientId', 'type']));
  });

  it('names a nested field by its path', async () => {
    const result = await dispatch(handlers, 'secrets:reveal', {
      ref: { kind: 'client-secret', clientRef: '' },
    });
    expect(result).toMatchObject({ ok: false, code: 'invalid_arguments' });
    if (!result.ok) expect(result.message).toContain('ref.clientRef');
  });

  it('refuses unknown keys and unknown channels, prototype names included', async () => {
    expect(await dispatch(handlers, 'dcs:list', { extra: 1 })).toMatchObject({
      ok: false,
      code: 'invalid_arguments',
    });
    expect(await dispatch(handlers, 'shell:exec', {})).toMatchObject({ ok: false, code: 'unknown_channel' });
    expect(await dispatch(handlers, '__proto__', {})).toMatchObject({ ok: false, code: 'unknown_channel' });
    expect(await dispatch(handlers, 'toString', {})).toMatchObject({ ok: false, code: 'unknown_channel' });
  });

  it('turns a throwing handler into a generic internal_error, and logs no part of its message', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const throwing: Handlers = {
      ...handlers,
      'dcs:list': () => Promise.reject(new Error('leaked 1000.secret-value')),
    };
    const result = await dispatch(throwing, 'dcs:list' satisfies ChannelName, {});
    expect(result).toMatchObject({ ok: false, code: 'internal_error' });
    expect(JSON.stringify(result)).not.toContain('1000.secret-value');
    expect(logged).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(logged.mock.calls)).not.toContain('1000.secret-value');
  });

  it('answers a valid call with data, arguments left out meaning none', async () => {
    const result = await dispatch(handlers, 'dcs:list', undefined);
    expect(result.ok && (result.value as unknown[]).length).toBeGreaterThanOrEqual(9);
  });
});
