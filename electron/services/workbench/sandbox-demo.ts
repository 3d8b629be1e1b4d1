import { fail, ok, type Failure, type Ok } from '../../../shared/result';
import type { ClientRecord, EnvironmentRecord } from '../../../shared/workspace/model';
import { saveClient } from './clients';
import type { WorkbenchContext } from './context';
import { saveEnvironment } from './environments';

/** The embedded sandbox's ready-made client, as the shell that started the sandbox knows it. */
export interface SandboxDemo {
  readonly dcId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
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
