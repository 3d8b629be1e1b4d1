// A user's server that talks to "Zoho" through one of Zoho's official SDKs 8.0 (the Node or the
// TypeScript package, named in the input), pointed at the sandbox DC. Run as a child process by
// test/integration/zoho-sdks.test.ts: the input (with the client secret and tokens) comes on stdin,
// never in argv; the report goes to stdout as one JSON line and holds no secret values.
//
// Pointing an SDK at the sandbox: both SDKs take a custom `Environment(url, accountsUrl,
// fileUploadUrl)`, where `accountsUrl` is the token endpoint itself (their DC classes answer
// `getIAMUrl()` = "https://accounts.zoho.com/oauth/v2/token", and revoke appends "/revoke"). Neither
// checks the scheme (they call `got` with whatever URL they hold), and `DataCenter.get(apiDomain)`
// answers null for a non-Zoho domain, so the custom environment is kept: plain http on 127.0.0.1
// works without patching either SDK.

const input = JSON.parse(await readStdin());
const Z = await import(input.package);

const environment = new Z.Environment(
  input.apiDomain,
  `${input.accountsUrl}/oauth/v2/token`,
  input.apiDomain,
);
let builder = new Z.OAuthBuilder().clientId(input.clientId).clientSecret(input.clientSecret);
if (input.refreshToken) builder = builder.refreshToken(input.refreshToken);
if (input.accessToken) builder = builder.accessToken(input.accessToken);
const token = builder.build();

const report = { steps: {} };
try {
  await (
    await new Z.InitializeBuilder()
  )
    .environment(environment)
    .token(token)
    .store(new Z.FileStore(input.storeFile))
    .resourcePath(input.resourcePath)
    .initialize();
  report.initialized = true;
  for (const step of input.steps) report.steps[step] = await run(step);
} catch (error) {
  report.error = describeError(error);
}
process.stdout.write(`${JSON.stringify(report)}\n`);

async function run(step) {
  try {
    if (step === 'users') return await users();
    if (step === 'org') return await org();
    if (step === 'revoke') return await revoke();
    throw new Error(`unknown step ${step}`);
  } catch (error) {
    return { error: describeError(error) };
  }
}

/** UsersOperations.getUsers, for the current user and for the active users. */
async function users() {
  const answers = {};
  for (const type of ['CurrentUser', 'ActiveUsers']) {
    const params = new Z.ParameterMap();
    await params.add(Z.Users.GetUsersParam.TYPE, type);
    const response = await new Z.Users.UsersOperations().getUsers(params, new Z.HeaderMap());
    const object = response.getObject();
    if (object instanceof Z.Users.ResponseWrapper) {
      const info = object.getInfo();
      answers[type] = {
        status: response.getStatusCode(),
        users: object.getUsers().map((u) => ({
          id: String(u.getId()),
          zuid: u.getZuid(),
          email: u.getEmail(),
          fullName: u.getFullName(),
          status: u.getStatus(),
          role: u.getRole()?.getName(),
          timeZone: u.getTimeZone()?.name,
        })),
        info: { count: info?.getCount(), perPage: info?.getPerPage(), moreRecords: info?.getMoreRecords() },
      };
    } else answers[type] = { status: response.getStatusCode(), exception: apiException(object) };
  }
  return answers;
}

/** OrgOperations.getOrganization: the org `findUser` reads its zgid from. */
async function org() {
  const response = await new Z.Org.OrgOperations().getOrganization();
  const object = response.getObject();
  if (!(object instanceof Z.Org.ResponseWrapper))
    return { status: response.getStatusCode(), exception: apiException(object) };
  const o = object.getOrg()[0];
  return {
    status: response.getStatusCode(),
    id: o.getId(),
    zgid: o.getZgid(),
    companyName: o.getCompanyName(),
    primaryEmail: o.getPrimaryEmail(),
    type: o.getType()?.getValue(),
    timeZone: o.getTimeZone(),
  };
}

/**
 * The SDKs' two ways to revoke: `OAuthToken.revoke(id)` (by the store's id) and
 * `revokeRefreshToken(token, url)`, which `revoke` calls with `accountsUrl + "/revoke"`.
 */
async function revoke() {
  const outcome = {};
  try {
    outcome.revokeById = { result: await token.revoke(input.storeId) };
  } catch (error) {
    outcome.revokeById = { error: describeError(error) };
  }
  try {
    const url = `${environment.getAccountsUrl()}/revoke`;
    outcome.revokeRefreshToken = { result: await token.revokeRefreshToken(input.refreshToken, url) };
  } catch (error) {
    outcome.revokeRefreshToken = { error: describeError(error) };
  }
  return outcome;
}

function apiException(object) {
  if (object === null || object === undefined) return null;
  return {
    code: object.getCode?.()?.getValue?.(),
    status: object.getStatus?.()?.getValue?.(),
    message: object.getMessage?.()?.getValue?.() ?? object.getMessage?.(),
  };
}

/** SDKException keeps Zoho's answer in `message` or `details`; a plain Error in `message`. */
function describeError(error) {
  const cause = error?.cause;
  return {
    name: error?.constructor?.name,
    code: error?.code ?? null,
    message: typeof error?.message === 'string' ? error.message : null,
    details: error?.details ?? null,
    cause: cause ? { name: cause.constructor?.name, message: cause.message } : null,
  };
}

async function readStdin() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}
