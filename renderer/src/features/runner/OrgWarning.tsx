import type { TokenOrgCheck } from '../../../../shared/ipc/env-status';
import { orgName } from '../../../../shared/words/identity';

const ENVIRONMENT_WORDS = {
  production: 'the production org',
  developer: 'the developer edition',
  sandbox: 'the sandbox copy',
} as const;

/**
 * The runner sent the environment's access token to another CRM org than the one it was issued for:
 * another API environment of its DC (each serves an org of its own), or an `/org` answer naming
 * another org. The request went out (that is legitimate, e.g. testing in a sandbox), so this is a
 * warning that names both orgs, not a refusal.
 */
export function OrgWarning({ check }: { check: TokenOrgCheck }) {
  if (!check.otherOrg) return null;
  const issued = orgName(check.tokenOrg);
  const reached =
    check.answeredOrg !== null
      ? `the answer names org ${check.answeredOrg.name ?? ''} (id ${check.answeredOrg.id})`
      : check.hostEnvironment !== null
        ? `${check.host} serves ${ENVIRONMENT_WORDS[check.hostEnvironment]}, another org`
        : `${check.host} serves another org`;
  return (
    <div className="callout callout-warn runner-token-org" role="note">
      <p>
        <strong>Another org:</strong> <code>{`{{${check.variable}}}`}</code> was issued for {issued} (id{' '}
        {check.tokenOrg.id}, at {check.tokenOrg.apiDomain}), and {reached}. Records you read or change here
        are not {check.tokenOrg.name ?? 'that org'}&apos;s.
      </p>
    </div>
  );
}
