import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { ClientRecord, EnvironmentRecord } from '../../../shared/workspace/model';
import { saveClient } from './clients';
import type { WorkbenchContext } from './context';
import { saveEnvironment } from './environments';
import { CONSOLE_PATH } from '../sandbox/console-page';
import type { SandboxHandle } from '../sandbox';

/** The embedded sandbox's ready-made clients, as the shell that started the sandbox knows them. */
export interface SandboxDemo {
  readonly dcId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  /** Its Self Client, whose codes its API console page makes. */
  readonly selfClient: { readonly clientId: string; readonly clientSecret: string };
  /** That page: the API console's Self Client tab (sandbox/console-page.ts). */
  readonly consoleUrl: string;
}

/** What "Try the sandbox" needs from a running sandbox: the demo client at sandbox-us, the Self Client. */
export function sandboxDemoOf(sandbox: SandboxHandle): SandboxDemo {
  const self = sandbox.clients.self;
  const consoleUrl = new URL(CONSOLE_PATH, sandbox.url);
  consoleUrl.searchParams.set('client_id', self.clientId);
  return {
    dcId: 'sandbox-us',
    ...sandbox.demoClient,
    selfClient: { clientId: self.clientId, clientSecret: self.clientSecret },
    consoleUrl: consoleUrl.toString(),
  };
}

/**
 * "Try the sandbox": registers the sandbox's demo client (multi-DC, like the US-registered client a
 * team would use for EU users) and an environment that follows it. Clicking it twice reuses both.
 */
export async function trySandbox(
  ctx: WorkbenchContext,
  demo: SandboxDemo | null,
): Promise<Ok<{ client: ClientRecord; environment: EnvironmentRecord }> | Failure> {
  if (demo === null)
    return fail(
      'sandbox_unavailable',
      'The embedded sandbox DC is not running in this shell. Restart Tokenbench to start it.',
    );
  const existing = ctx.store.clients.list().find((c) => c.zohoClientId === demo.clientId);
  const client =
    existing === undefined
      ? await saveClient(ctx, {
          name: 'Sandbox demo',
          dcId: demo.dcId,
          zohoClientId: demo.clientId,
          type: 'server',
          redirectUri: demo.redirectUri,
          multiDc: true,
          pkce: true,
          revokeEndpoint: 'sdk',
          clientSecret: demo.clientSecret,
        })
      : ok(existing);
  if (!client.ok) return client;
  const env = ctx.store.environments.list().find((e) => e.clientRef === client.value.id);
  const environment =
    env === undefined
      ? await saveEnvironment(ctx, {
          name: 'Sandbox',
          clientRef: client.value.id,
          dcId: demo.dcId,
          autoRefresh: true,
        })
      : ok(env);
  if (!environment.ok) return environment;
  return ok({ client: client.value, environment: environment.value });
}

/**
 * "Rehearse a self client": registers the sandbox's Self Client (once) and opens the sandbox's API
 * console page in the system browser, where the user makes a code to paste here, as with Zoho's.
 */
export async function trySandboxSelfClient(
  ctx: WorkbenchContext,
  demo: SandboxDemo | null,
): Promise<Ok<{ client: ClientRecord; consoleUrl: string; browserProblem: string | null }> | Failure> {
  if (demo === null)
    return fail(
      'sandbox_unavailable',
      'The embedded sandbox DC is not running in this shell. Restart Tokenbench to start it.',
    );
  const existing = ctx.store.clients.list().find((c) => c.zohoClientId === demo.selfClient.clientId);
  const client =
    existing === undefined
      ? await saveClient(ctx, {
          name: 'Sandbox self client',
          dcId: demo.dcId,
          zohoClientId: demo.selfClient.clientId,
          type: 'self',
          redirectUri: null,
          multiDc: false,
          pkce: false,
          revokeEndpoint: 'sdk',
          clientSecret: demo.selfClient.clientSecret,
        })
      : ok(existing);
  if (!client.ok) return client;
  // No browser opened (none found): say so, with the address to open by hand.
  const notOpened = await ctx.openBrowser(demo.consoleUrl);
  return ok({
    client: client.value,
    consoleUrl: demo.consoleUrl,
    browserProblem: notOpened?.message ?? null,
  });
}
