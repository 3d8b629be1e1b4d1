import type { DataCenter } from '../../../shared/dc/catalog';
import { scopeItems, userChoice } from './consent-page';
import { VERIFICATION_PATH } from './device';
import { escapeHtml as e, htmlReply, requestParams, type Reply, type RequestContext } from './http';
import { layout } from './html-layout';
import { normalizeUserCode } from './ids';
import type { DeviceGrant, SandboxUser } from './model';

/** The verification page posts only to itself; nothing else is allowed (no scripts, no images). */
export const DEVICE_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The brake on guessing user codes (RFC 8628 5.1: a user code is short, so the page must limit
 * attempts): this many wrong codes in a minute, then the page refuses for the rest of that minute.
 */
const WRONG_CODES_PER_MINUTE = 10;

/**
 * GET /oauth/v3/device: "enter the code shown on your device" (`?user_code=` fills it in, for a
 * scanned QR code). POST step=code checks the code and shows the consent (pick a user, Accept or
 * Deny); POST step=decide records the decision, which the device learns on its next poll.
 */
export function handleVerificationPage(ctx: RequestContext): Reply {
  if (ctx.method === 'GET')
    return page(ctx, enterCodeHtml(ctx.dc, ctx.url.searchParams.get('user_code') ?? ''));
  const form = requestParams(ctx);
  const typed = normalizeUserCode(form.get('user_code') ?? '');
  const now = ctx.state.clock.now();
  const wrong = ctx.state.wrongUserCodes;
  while (wrong.length > 0 && (wrong[0] ?? 0) <= now - 60_000) wrong.shift();
  if (wrong.length >= WRONG_CODES_PER_MINUTE) {
    const html = enterCodeHtml(
      ctx.dc,
      '',
      'Too many wrong codes were entered. Wait a minute, then try again.',
    );
    return page(ctx, html, 'too many wrong user codes', 429);
  }
  const found = ctx.state.deviceGrantByUserCode(typed, ctx.dc.id);
  const grant = found?.[1];
  const problem = codeProblem(grant, now);
  if (problem !== undefined || grant === undefined) {
    wrong.push(now);
    return page(ctx, enterCodeHtml(ctx.dc, typed, problem ?? unknownCode()), 'wrong user code', 400);
  }
  if (form.get('step') !== 'decide')
    return page(ctx, consentHtml(ctx, grant), 'device consent page', 200, grant.clientId);
  return decide(ctx, grant, form);
}

const unknownCode = (): string =>
  'That code is not known here. Check the code your device shows, and that you are on the address it names.';

function codeProblem(grant: DeviceGrant | undefined, now: number): string | undefined {
  if (grant === undefined) return unknownCode();
  if (now >= grant.expiresAt)
    return 'That code has expired (codes live 5 minutes). Start again on your device.';
  if (grant.decision.kind !== 'pending') return 'That code was already used. Start again on your device.';
  return undefined;
}

function decide(ctx: RequestContext, grant: DeviceGrant, form: URLSearchParams): Reply {
  const decision = form.get('decision');
  if (decision === 'deny') {
    grant.decision = { kind: 'denied' };
    const html = doneHtml(
      ctx.dc,
      'Access denied',
      'You refused access. Your device will be told on its next check.',
    );
    return page(ctx, html, 'device denied', 200, grant.clientId);
  }
  const user = ctx.state.user(form.get('user_zuid') ?? '');
  if (decision !== 'accept' || user === undefined) {
    return page(
      ctx,
      consentHtml(ctx, grant, 'Choose a sandbox user, then Accept or Deny.'),
      'invalid_request',
      400,
    );
  }
  grant.decision = { kind: 'approved', zuid: user.zuid, homeDc: user.homeDc };
  const home = ctx.state.dc(user.homeDc)?.name ?? user.homeDc;
  const html = doneHtml(
    ctx.dc,
    'Device connected',
    `You allowed access as ${user.email} (${home}). Return to your device: it picks the tokens up on its next check.`,
  );
  return page(ctx, html, `device approved (${user.homeDc})`, 200, grant.clientId);
}

function page(
  ctx: RequestContext,
  html: string,
  outcome = 'device page',
  status = 200,
  clientId?: string,
): Reply {
  return htmlReply(html, outcome, DEVICE_PAGE_CSP, status, clientId);
}

function enterCodeHtml(dc: DataCenter, value: string, error?: string): string {
  const content = `<h1>Connect a device</h1>
<p class="lead">Enter the code your device or app shows to let it use your sandbox account.</p>
${error === undefined ? '' : `<p class="error" role="alert">${e(error)}</p>`}
<form method="post" action="${VERIFICATION_PATH}">
<input type="hidden" name="step" value="code">
<label class="field" for="user_code">Code</label>
<input id="user_code" class="code-input" name="user_code" value="${e(value)}" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20" placeholder="XXXX-XXXX" required autofocus>
<div class="actions"><button type="submit" class="primary">Continue</button></div>
</form>`;
  return layout(`Connect a device · ${dc.name}`, dc.name, content);
}

function consentHtml(ctx: RequestContext, grant: DeviceGrant, error?: string): string {
  const { state, dc } = ctx;
  const name = state.client(grant.clientId)?.name ?? 'An app';
  const access = grant.offline
    ? 'Offline access: the device may also get a refresh token and keep working while you are away.'
    : 'Online access: one access token, valid for an hour.';
  const users = state.users.map((u: SandboxUser, i) => userChoice(u, state.dcs, i === 0)).join('\n');
  const content = `<h1><span>${e(name)}</span> wants to access your sandbox account</h1>
<p class="lead">A device showing the code <code>${e(grant.userCode)}</code> asks for access. Choose the sandbox user to sign in as, then allow or refuse.</p>
${error === undefined ? '' : `<p class="error" role="alert">${e(error)}</p>`}
<form method="post" action="${VERIFICATION_PATH}">
<input type="hidden" name="step" value="decide">
<input type="hidden" name="user_code" value="${e(grant.userCode)}">
<fieldset><legend>Sign in as</legend>
${users}
</fieldset>
<h2 id="scopes-title">Requested access</h2>
<ul class="scopes" aria-labelledby="scopes-title">${scopeItems(grant.scope)}</ul>
<p class="meta">${e(access)}</p>
<div class="actions"><button type="submit" name="decision" value="deny" class="secondary">Deny</button><button type="submit" name="decision" value="accept" class="primary">Accept</button></div>
</form>`;
  return layout(`Authorize ${name} · ${dc.name}`, dc.name, content);
}

function doneHtml(dc: DataCenter, title: string, message: string): string {
  const content = `<h1>${e(title)}</h1>
<p class="lead">${e(message)}</p>
<p class="meta">You can close this page.</p>`;
  return layout(`${title} · ${dc.name}`, dc.name, content);
}
