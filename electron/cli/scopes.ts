import { PRODUCTS, SCOPE_CATALOG, searchScopes } from '../../shared/scopes/catalog';
import type { CommandSpec } from './args';
import { EXIT, UsageError } from './exit';
import { JSON_OPTION } from './options';
import { printJson, table } from './output';

/**
 * `tokenbench scopes`: the scope catalog the app's picker searches, by product and purpose, so a
 * script author finds `ZohoBooks.invoices.CREATE` by typing "books invoice". Any other scope still
 * goes to --scope as typed: the catalog is a help, not a list of what is allowed.
 */
export const SCOPES: CommandSpec = {
  path: ['scopes'],
  summary: 'list or search known Zoho scopes by product and purpose (any other scope is allowed too)',
  notes: [`Products: ${PRODUCTS.join(', ')}.`, 'Example: tokenbench scopes --search "books invoice"'],
  options: {
    search: { type: 'string', value: 'WORDS', help: 'every word must match a name, product or purpose' },
    product: { type: 'string', value: 'NAME', help: `only this product (${PRODUCTS.join(', ')})` },
    ...JSON_OPTION,
  },
  run: ({ options, io }) => {
    const product = options.string('product');
    const named =
      product === undefined ? undefined : PRODUCTS.find((p) => p.toLowerCase() === product.toLowerCase());
    if (product !== undefined && named === undefined)
      throw new UsageError(`--product "${product}" is not one of ${PRODUCTS.join(', ')}`);
    const query = options.string('search') ?? '';
    const found = searchScopes(query, SCOPE_CATALOG).filter(
      (s) => named === undefined || s.product === named,
    );
    if (options.flag('json')) {
      printJson(io, found);
      return Promise.resolve(EXIT.done);
    }
    if (found.length === 0) {
      io.out(
        `No scope in the catalog matches "${query}". Any Service.scope.OPERATION scope may still be given to --scope.`,
      );
      return Promise.resolve(EXIT.done);
    }
    io.out(
      table(
        ['SCOPE', 'PRODUCT', 'PURPOSE'],
        found.map((s) => [s.scope, s.product, s.description]),
        io.style,
      ),
    );
    return Promise.resolve(EXIT.done);
  },
};
