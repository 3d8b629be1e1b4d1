import type { DataCenter } from '../../shared/dc/catalog';
import type { CommandSpec } from './args';
import { EXIT } from './exit';
import { JSON_OPTION } from './options';
import { NONE, printJson, table, type Io } from './output';
import { call, withWorkbench } from './session';

function printDcs(io: Io, dcs: readonly DataCenter[]): void {
  const rows = dcs.map((dc) => [
    dc.id,
    dc.name,
    dc.kind,
    dc.accountsUrl,
    dc.apiDomain,
    dc.developerApiDomain ?? NONE,
    dc.sandboxApiDomain ?? NONE,
  ]);
  const headers = ['ID', 'NAME', 'KIND', 'ACCOUNTS URL', 'API DOMAIN', 'DEVELOPER', 'SANDBOX'];
  io.out(table(headers, rows, io.style));
}

const list: CommandSpec = {
  path: ['dc', 'list'],
  summary: "list the data centers: Zoho's nine and the ones you added",
  options: JSON_OPTION,
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const dcs = await call(wb, 'dcs:list', {});
      if (input.options.flag('json')) printJson(input.io, dcs);
      else printDcs(input.io, dcs);
      return EXIT.done;
    }),
};

const add: CommandSpec = {
  path: ['dc', 'add'],
  summary: 'add a data center (a private test server, a new region, the sandbox)',
  notes: ['URLs are https://, or http:// on 127.0.0.1 / localhost only, with no path.'],
  options: {
    id: { type: 'string', value: 'ID', required: true, help: "the DC's id, as Zoho sends it in `location`" },
    name: { type: 'string', value: 'NAME', required: true, help: 'a name people read' },
    'accounts-url': {
      type: 'string',
      value: 'URL',
      required: true,
      help: 'the accounts server, e.g. https://accounts.zoho.eu',
    },
    'api-domain': {
      type: 'string',
      value: 'URL',
      required: true,
      help: 'the API domain, e.g. https://www.zohoapis.eu',
    },
    'developer-api-domain': {
      type: 'string',
      value: 'URL',
      help: 'its developer API domain, if any, e.g. https://developer.zohoapis.eu',
    },
    'sandbox-api-domain': {
      type: 'string',
      value: 'URL',
      help: 'its sandbox API domain, if any, e.g. https://sandbox.zohoapis.eu',
    },
    ...JSON_OPTION,
  },
  run: (input) =>
    withWorkbench(input, async (wb) => {
      const { options, io } = input;
      const dc = await call(wb, 'dcs:add', {
        id: options.required('id'),
        name: options.required('name'),
        accountsUrl: options.required('accounts-url'),
        apiDomain: options.required('api-domain'),
        developerApiDomain: options.string('developer-api-domain') ?? null,
        sandboxApiDomain: options.string('sandbox-api-domain') ?? null,
      });
      if (options.flag('json')) printJson(io, dc);
      else io.out(`Added DC ${dc.id} (${dc.name}): accounts ${dc.accountsUrl}, API ${dc.apiDomain}`);
      return EXIT.done;
    }),
};

export const DC_COMMANDS: readonly CommandSpec[] = [list, add];
