/**
 * Zoho's own SDKs reading and writing their FileStore, in a process of their own as on a user's
 * server. Tests run it as `node zoho-sdk-filestore.js write|read SDK FILE`:
 *
 * - `write` reads a JSON list of rows on stdin and saves each with the SDK's `FileStore.saveToken`,
 *   the call the SDK makes after each token request (tokens set on its OAuthToken, as
 *   `parseResponse` leaves them).
 * - `read` prints what the SDK's `FileStore.getTokens()` reads back, and for each row whether
 *   `findToken` finds it by its refresh token, as the SDK does when it starts with a client id,
 *   secret and refresh token.
 *
 * SDK is `node` (@zohocrm/nodejs-sdk-8.0), `typescript` (@zohocrm/typescript-sdk-8.0) or `node-2.0`
 * (@zohocrm/nodejs-sdk-2.0, an older SDK that writes 9 columns and keys rows by user email).
 * No network: only the store classes run.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [command, sdk, file] = process.argv.slice(2);

async function loadSdk(name) {
  if (name === 'node') {
    const base = '@zohocrm/nodejs-sdk-8.0/lib';
    const { FileStore } = await import(`${base}/models/authenticator/store/file_store.js`);
    const { OAuthToken } = await import(`${base}/models/authenticator/oauth_token.js`);
    const { UserSignature } = await import(`${base}/routes/user_signature.js`);
    return { FileStore, OAuthToken, UserSignature, columns: 10 };
  }
  if (name === 'typescript') {
    const base = '@zohocrm/typescript-sdk-8.0/dist';
    const { FileStore } = require(`${base}/models/authenticator/store/file_store.js`);
    const { OAuthToken } = require(`${base}/models/authenticator/oauth_token.js`);
    const { UserSignature } = require(`${base}/routes/user_signature.js`);
    return { FileStore, OAuthToken, UserSignature, columns: 10 };
  }
  if (name === 'node-2.0') {
    const base = '@zohocrm/nodejs-sdk-2.0';
    const { FileStore } = require(`${base}/models/authenticator/store/file_store.js`);
    const { OAuthToken } = require(`${base}/models/authenticator/oauth_token.js`);
    const { UserSignature } = require(`${base}/routes/user_signature.js`);
    return { FileStore, OAuthToken, UserSignature, columns: 9 };
  }
  throw new Error(`unknown SDK ${name}`);
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** The SDK's OAuthToken for a row, with the setters the SDK itself calls after a token request. */
function tokenFor(lib, row) {
  const token = new lib.OAuthToken(row.clientId, row.clientSecret, row.grantToken, row.refreshToken);
  token.setRedirectURL?.(row.redirectUrl);
  token.setAccessToken(row.accessToken);
  token.setExpiresIn(row.expiryTime);
  if (row.id !== null && row.id !== undefined) token.setId(row.id);
  if (lib.columns === 10) {
    token.setAPIDomain(row.apiDomain);
    if (row.userName !== null) token.setUserSignature(new lib.UserSignature(row.userName));
  }
  return token;
}

async function write(lib) {
  const store = new lib.FileStore(file);
  for (const row of await readStdin()) {
    const token = tokenFor(lib, row);
    // The 2.0 SDK keys its rows by the user's email and takes the user as its own argument.
    if (lib.columns === 9) await store.saveToken(new lib.UserSignature(row.userName), token);
    else await store.saveToken(token);
  }
}

const text = (value) => (value === undefined || value === null || value === '' ? null : String(value));

async function read(lib) {
  const store = new lib.FileStore(file);
  const tokens = await store.getTokens();
  const rows = [];
  for (const token of tokens) {
    const user = lib.columns === 10 ? token.getUserSignature()?.getName() : token.getUserMail();
    const row = {
      id: text(token.getId()),
      userName: text(user),
      clientId: text(token.getClientId()),
      clientSecret: text(token.getClientSecret()),
      refreshToken: text(token.getRefreshToken()),
      accessToken: text(token.getAccessToken()),
      grantToken: text(token.getGrantToken()),
      expiryTime: text(token.getExpiresIn()),
      redirectUrl: text(token.getRedirectURL()),
      apiDomain: lib.columns === 10 ? text(token.getAPIDomain()) : null,
    };
    rows.push({ ...row, foundByRefreshToken: await findsByRefreshToken(lib, store, row) });
  }
  process.stdout.write(JSON.stringify(rows));
}

/** How the 8.0 SDKs look a row up when they start from client id, secret and refresh token. */
async function findsByRefreshToken(lib, store, row) {
  if (lib.columns === 9 || row.refreshToken === null) return null;
  const probe = new lib.OAuthToken(row.clientId, row.clientSecret, null, row.refreshToken);
  const found = await store.findToken(probe);
  return found !== null && found.getAccessToken() === row.accessToken;
}

const lib = await loadSdk(sdk);
if (command === 'write') await write(lib);
else if (command === 'read') await read(lib);
else throw new Error(`unknown command ${command}`);
