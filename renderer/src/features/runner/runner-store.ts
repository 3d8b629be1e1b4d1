import { create } from 'zustand';
import type { ArgsOf, ValueOf } from '../../../../shared/ipc/contract';
import { api, toUiError, type UiError } from '../../api';

export type Method = ArgsOf<'requests:send'>['method'];
export type RunnerAnswer = ValueOf<'requests:send'>;
export const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
export const hasBody = (m: Method) => m === 'POST' || m === 'PUT' || m === 'PATCH';

export interface HeaderRow {
  readonly id: number;
  readonly key: string;
  readonly value: string;
  readonly enabled: boolean;
}

export interface Draft {
  readonly method: Method;
  readonly url: string;
  readonly headers: readonly HeaderRow[];
  readonly body: string;
}

/** A past request as its templates (`{{access-token}}`), never with a resolved secret in it. */
export interface HistoryEntry extends Draft {
  readonly id: number;
  readonly at: number;
  readonly status: number | null;
  readonly durationMs: number | null;
  readonly errorCode: string | null;
}

interface RunnerState {
  readonly draft: Draft;
  readonly busy: boolean;
  readonly response: RunnerAnswer | null;
  readonly error: UiError | null;
  readonly history: readonly HistoryEntry[];
}

let nextId = 1;
const row = (key: string, value: string, enabled = true): HeaderRow => ({
  id: nextId++,
  key,
  value,
  enabled,
});

/** Zoho's Postman collections call CurrentUser like this (zoho-oauth.md, "Calling APIs"). */
export const PRESET: Draft = {
  method: 'GET',
  url: '{{api-domain}}/crm/v8/users?type=CurrentUser',
  headers: [row('Authorization', 'Zoho-oauthtoken {{access-token}}'), row('Accept', 'application/json')],
  body: '',
};

export const HISTORY_SIZE = 20;

export const useRunner = create<RunnerState>(() => ({
  draft: PRESET,
  busy: false,
  response: null,
  error: null,
  history: [],
}));

const setDraft = (patch: Partial<Draft>) => {
  useRunner.setState((s) => ({ draft: { ...s.draft, ...patch } }));
};
export const setMethod = (method: Method) => {
  setDraft({ method });
};
export const setUrl = (url: string) => {
  setDraft({ url });
};
export const setBody = (body: string) => {
  setDraft({ body });
};
export const addHeader = () => {
  setDraft({ headers: [...useRunner.getState().draft.headers, row('', '')] });
};
export const updateHeader = (id: number, patch: Partial<Omit<HeaderRow, 'id'>>) => {
  setDraft({
    headers: useRunner.getState().draft.headers.map((h) => (h.id === id ? { ...h, ...patch } : h)),
  });
};
export const removeHeader = (id: number) => {
  setDraft({ headers: useRunner.getState().draft.headers.filter((h) => h.id !== id) });
};
export const resetDraft = () => {
  useRunner.setState({
    draft: { ...PRESET, headers: PRESET.headers.map((h) => row(h.key, h.value, h.enabled)) },
  });
};
export const loadEntry = (entry: HistoryEntry) => {
  useRunner.setState({
    draft: {
      method: entry.method,
      url: entry.url,
      body: entry.body,
      headers: entry.headers.map((h) => row(h.key, h.value, h.enabled)),
    },
  });
};

/** A token typed in by hand (not a placeholder) is masked before it enters the history. */
const ZOHO_TOKEN = /\b\d{4}\.[0-9a-f]{32}\.[0-9a-f]{32}\b/g;
const CREDENTIALS = /^(\s*(?:Zoho-oauthtoken|Bearer|Basic)\s+)(?!\{\{)\S+/i;
const scrub = (text: string) => text.replace(ZOHO_TOKEN, '••••');
function forHistory(draft: Draft): Draft {
  return {
    method: draft.method,
    url: scrub(draft.url),
    body: scrub(draft.body),
    headers: draft.headers.map((h) => ({
      ...h,
      value: scrub(
        h.key.toLowerCase() === 'authorization' ? h.value.replace(CREDENTIALS, '$1••••') : h.value,
      ),
    })),
  };
}

export async function sendDraft(environmentId: string | null): Promise<void> {
  const { draft, busy } = useRunner.getState();
  if (busy || draft.url.trim() === '') return;
  useRunner.setState({ busy: true, error: null });
  const result = await api.requests.send({
    method: draft.method,
    url: draft.url.trim(),
    headers: draft.headers.map(({ key, value, enabled }) => ({ key, value, enabled })),
    ...(hasBody(draft.method) && draft.body !== '' ? { body: draft.body } : {}),
    ...(environmentId === null ? {} : { environmentId }),
  });
  const entry: HistoryEntry = {
    ...forHistory(draft),
    id: nextId++,
    at: Date.now(),
    status: result.ok ? result.value.status : null,
    durationMs: result.ok ? result.value.durationMs : null,
    errorCode: result.ok ? null : result.code,
  };
  useRunner.setState((s) => ({
    busy: false,
    response: result.ok ? result.value : null,
    error: result.ok ? null : toUiError(result),
    history: [entry, ...s.history].slice(0, HISTORY_SIZE),
  }));
}

/** The "Refresh token" of a 401: a new access token from the environment's own refresh token. */
interface RefreshState {
  readonly busy: boolean;
  readonly error: UiError | null;
  readonly fingerprint: string | null;
}
export const useRunnerRefresh = create<RefreshState>(() => ({ busy: false, error: null, fingerprint: null }));

export async function refreshForEnvironment(
  clientRef: string,
  environmentId: string,
  force = false,
): Promise<void> {
  useRunnerRefresh.setState({ busy: true, error: null, fingerprint: null });
  const result = await api.tokens.refresh({ clientRef, environmentId, force });
  useRunnerRefresh.setState({
    busy: false,
    error: result.ok ? null : toUiError(result),
    fingerprint: result.ok ? result.value.accessToken.fingerprint : null,
  });
}

export function clearRefresh(): void {
  useRunnerRefresh.setState({ busy: false, error: null, fingerprint: null });
}
