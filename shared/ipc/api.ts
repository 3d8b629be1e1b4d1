import type { ArgsOf, ChannelName, EventName, EventPayload, ValueOf } from './contract';
import { CHANNEL_NAMES, EVENT_NAMES } from './names';
import type { IpcResult } from './define';

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C extends string> = C extends `${string}:${infer V}` ? V : never;
type Camel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;

/**
 * A channel as a method; the arguments may be left out when an empty object fits them
 * (`dcs.list()`, `tokens.list()`). The empty object type is meant here: it is the question asked.
 */
type Method<C extends ChannelName> =
  // eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- see above
  Record<never, never> extends ArgsOf<C>
    ? (args?: ArgsOf<C>) => Promise<IpcResult<ValueOf<C>>>
    : (args: ArgsOf<C>) => Promise<IpcResult<ValueOf<C>>>;

export type Domain = DomainOf<ChannelName>;

/** The methods of one domain: `environments:set-variable` becomes `environments.setVariable`. */
export type DomainApi<D extends Domain> = {
  readonly [C in Extract<ChannelName, `${D}:${string}`> as Camel<VerbOf<C>>]: Method<C>;
};

/**
 * What the page sees as `window.tokenbench`: one method per channel, grouped by domain
 * (`tokenbench.environments.setVariable(...)`), plus push events. There is no generic invoke:
 * the page can call the contract and nothing else (architecture.md, "Things ... not to copy").
 */
export type TokenbenchApi = { readonly [D in Domain]: DomainApi<D> } & {
  readonly shell: 'electron' | 'web';
  /** Listens to a push event; the returned function stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** How a shell carries calls and events: ipcRenderer in the preload, a WebSocket in browser mode. */
export interface ApiTransport {
  invoke(channel: ChannelName, args: unknown): Promise<IpcResult<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** `set-variable` → `setVariable`, the runtime twin of the `Camel` type above. */
export const methodName = (verb: string): string =>
  verb.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

type AnyMethod = (args?: unknown) => Promise<IpcResult<unknown>>;

/** Builds the API object from the contract's channel names, so it cannot drift from the contract. */
export function buildApi(transport: ApiTransport, shell: TokenbenchApi['shell']): TokenbenchApi {
  const domains: Record<string, Record<string, AnyMethod>> = {};
  for (const channel of CHANNEL_NAMES) {
    const [domain = '', verb = ''] = channel.split(':');
    domains[domain] ??= {};
    domains[domain][methodName(verb)] = (args) => transport.invoke(channel, args ?? {});
  }
  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    // The page may pass any string at run time: only the contract's events reach the transport.
    if (!EVENT_NAMES.includes(event)) throw new TypeError(`"${event}" is not a Tokenbench event.`);
    return transport.subscribe(event, listener);
  };
  const frozen = Object.fromEntries(
    Object.entries(domains).map(([domain, methods]) => [domain, Object.freeze(methods)]),
  );
  // Built at run time from CHANNEL_NAMES; the contract test walks it against the type's keys.
  return Object.freeze({ ...frozen, shell, on }) as unknown as TokenbenchApi;
}
