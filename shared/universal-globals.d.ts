/**
 * The few WHATWG globals that every runtime of Tokenbench has (Node >= 20, Chromium, Electron's
 * main and renderer). `shared/` compiles without the DOM and Node libs so that `window`, `document`
 * or `process` cannot creep in; these are declared by hand, only as much as `shared/` uses.
 */
declare class URLSearchParams {
  constructor(init?: string | Record<string, string>);
  get(name: string): string | null;
  set(name: string, value: string): void;
  has(name: string): boolean;
  toString(): string;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

declare class URL {
  constructor(url: string, base?: string | URL);
  readonly origin: string;
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  hash: string;
  readonly searchParams: URLSearchParams;
  toString(): string;
}

declare class TextEncoder {
  encode(input: string): Uint8Array;
}

declare function btoa(data: string): string;
