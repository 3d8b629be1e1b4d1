import { describe, expect, it } from 'vitest';
import { LimitLedger } from '../../shared/limits/ledger';
import { KAIZEN_43 } from '../../shared/limits/profile';
import { storeEvictions, type HeldRefreshToken } from '../../shared/stores/held';
import { rowProblems, type SdkRowValues } from '../../shared/stores/sdk-row';

const TOKEN = '1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210';

const row = (patch: Partial<SdkRowValues> = {}): SdkRowValues => ({
  id: '1',
  userName: 'ada@example.com:70000123',
  clientId: '1000.ABCDEF',
  refreshToken: TOKEN,
  accessToken: TOKEN,
  grantToken: null,
  expiryTime: '1767603600000',
  redirectUrl: null,
  apiDomain: null,
  hasClientSecret: true,
  ...patch,
});

describe('an SDK token row', () => {
  it('is a token with a refresh, an access or only a grant token', () => {
    expect(rowProblems(row())).toEqual([]);
    expect(
      rowProblems(row({ refreshToken: null, accessToken: null, grantToken: TOKEN, expiryTime: null })),
    ).toEqual([]);
  });

  it('says, without quoting a value, why a row is not a token', () => {
    const bad = row({ id: '', clientId: 'app', refreshToken: 'secret-ish', expiryTime: '2026-01-05' });
    expect(rowProblems(bad)).toEqual([
      'its id is empty',
      'client_id is not a Zoho client id (1000.…)',
      'refresh_token is not a Zoho token (1000.….…)',
      'expiry_time is not epoch milliseconds',
    ]);
    expect(rowProblems(row({ refreshToken: '', accessToken: ' ', grantToken: null }))).toEqual([
      'it holds no token (refresh_token, access_token and grant_token are empty)',
    ]);
  });
});

describe('store-held refresh tokens in the guard', () => {
  const CLIENT = '1000.ABCDEF';
  const ledger = new LimitLedger(KAIZEN_43);
  // Ada has 18 refresh tokens Tokenbench minted, an hour apart so no rate is near.
  for (let i = 0; i < 18; i++)
    ledger.append({
      type: 'refresh-token-created',
      at: i * 3_600_000,
      id: `rt_${String(i)}`,
      clientId: CLIENT,
      userId: 'ada',
      dc: 'us',
    });
  const at = 100 * 3_600_000;
  const live = (clientId: string, userId: string) => ledger.liveRefreshTokens(clientId, userId, at);
  const held = (rowId: string, patch: Partial<HeldRefreshToken>): HeldRefreshToken => ({
    storeId: 'st_1',
    storeName: 'CRM prod',
    rowId,
    fingerprint: `…${rowId.padStart(4, '0')}`,
    storeUser: 'ada@example.com:70000123',
    tokenId: null,
    userId: 'ada',
    ...patch,
  });

  it('counts tokens only a store knows toward the user, and takes them for the oldest', () => {
    const one = [held('1', {})];
    expect(storeEvictions({ clientId: CLIENT, userId: 'ada' }, one, live, () => 'ada@example.com')).toEqual(
      [],
    );
    const two = [
      held('1', {}),
      held('2', {}),
      held('3', { storeId: 'st_2', storeName: 'Backup', rowId: '9', fingerprint: '…0001' }),
    ];
    const [eviction, ...more] = storeEvictions({ clientId: CLIENT }, two, live, () => 'ada@example.com');
    expect(more).toEqual([]);
    expect(eviction).toMatchObject({
      userId: 'ada',
      ifThisUser: true,
      victim: { rowId: '1' },
      alsoHeldBy: [{ storeName: 'Backup', rowId: '9' }],
      live: 20,
      elsewhere: 2,
      maxAlive: 20,
    });
  });

  it("names the ledger's oldest only when a store holds it, and never for a token it does not", () => {
    ledger.append({
      type: 'refresh-token-created',
      at: at - 1,
      id: 'rt_18',
      clientId: CLIENT,
      userId: 'ada',
      dc: 'us',
    });
    ledger.append({
      type: 'refresh-token-created',
      at: at - 1,
      id: 'rt_19',
      clientId: CLIENT,
      userId: 'ada',
      dc: 'us',
    });
    const holdsOldest = [held('4', { tokenId: 'rt_0' })];
    expect(storeEvictions({ clientId: CLIENT, userId: 'ada' }, holdsOldest, live, () => null)).toMatchObject([
      { victim: { rowId: '4', tokenId: 'rt_0' }, ifThisUser: false, elsewhere: 0, live: 20 },
    ]);
    const holdsAnother = [held('5', { tokenId: 'rt_7' })];
    expect(storeEvictions({ clientId: CLIENT, userId: 'ada' }, holdsAnother, live, () => null)).toEqual([]);
    expect(storeEvictions({ clientId: CLIENT, userId: 'grace' }, holdsOldest, live, () => null)).toEqual([]);
  });
});
