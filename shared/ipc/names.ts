import type { ChannelName, EventName } from './contract';

/**
 * The contract's channel and event names as plain data, for the code that runs in the page and the
 * preload: importing contract.ts there would bundle all of zod (some 250 kB) only to learn names.
 * The checks below make a name missing here, or one the contract lacks, a compile error.
 */
export const CHANNEL_NAMES = [
  'dcs:list',
  'dcs:add',
  'dcs:remove',
  'clients:list',
  'clients:save',
  'clients:remove',
  'environments:list',
  'environments:save',
  'environments:set-variable',
  'environments:remove',
  'environments:import-postman',
  'environments:export-postman',
  'environments:import-file',
  'environments:export-filestore',
  'environments:status',
  'environments:place-tokens',
  'secrets:reveal',
  'secrets:copy',
  'consent:start',
  'consent:paste-url',
  'consent:cancel',
  'consent:active',
  'device:start',
  'device:cancel',
  'device:active',
  'tokens:list',
  'tokens:current',
  'tokens:exchange-code',
  'tokens:client-credentials',
  'tokens:refresh',
  'tokens:revoke',
  'tokens:check',
  'tokens:inspect',
  'tokens:timeline',
  'requests:send',
  'sandbox:try',
  'sandbox:self-client',
  'traffic:list',
  'traffic:get',
  'traffic:har',
  'limits:status',
  'limits:check',
  'limits:profiles',
  'limits:set-profile',
  'stores:list',
  'stores:add',
  'stores:set-writable',
  'stores:remove',
  'stores:rows',
  'stores:plan-hand-over',
  'stores:hand-over',
  'stores:held',
] as const satisfies readonly ChannelName[];

export const EVENT_NAMES = [
  'tokens:changed',
  'environments:changed',
  'environments:status-changed',
  'consent:progress',
  'device:progress',
  'traffic:recorded',
] as const satisfies readonly EventName[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never]
  ? true
  : { missing: Exclude<All, Listed> };
export const channelsComplete: Exhaustive<ChannelName, (typeof CHANNEL_NAMES)[number]> = true;
export const eventsComplete: Exhaustive<EventName, (typeof EVENT_NAMES)[number]> = true;
