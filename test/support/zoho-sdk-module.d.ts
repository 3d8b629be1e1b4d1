/**
 * The few parts of Zoho's Node SDK (`@zohocrm/nodejs-sdk-8.0`, plain JavaScript without types)
 * that tests use as a server would: its DBStore, OAuthToken and UserSignature.
 */
declare module '@zohocrm/nodejs-sdk-8.0' {
  export class UserSignature {
    constructor(name: string);
    getName(): string;
  }
  export class OAuthToken {
    constructor(
      clientID: string | null,
      clientSecret: string | null,
      grantToken: string | null,
      refreshToken: string | null,
      redirectURL?: string | null,
      id?: string | null,
      accessToken?: string | null,
      userSignature?: UserSignature | null,
      findUser?: boolean,
    );
    getId(): string | null;
    getClientId(): string | null;
    getClientSecret(): string | null;
    getRefreshToken(): string | null;
    getAccessToken(): string | null;
    getExpiresIn(): string | null;
    getUserSignature(): UserSignature | null;
    getAPIDomain(): string | null;
  }
  export class DBStore {
    constructor(
      host: string,
      databaseName: string,
      tableName: string,
      userName: string,
      password: string,
      portNumber: string,
    );
    findToken(token: OAuthToken): Promise<OAuthToken>;
    saveToken(token: OAuthToken): Promise<unknown>;
  }
}
