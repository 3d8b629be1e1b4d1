/**
 * Zoho CRM's API paths the sandbox serves, in every API version the SDKs and Zoho's pages use:
 * `/crm/v2`, `/crm/v2.1`, `/crm/v3` … `/crm/v8` (the SDKs 8.0 call v8; older SDKs and scripts the
 * others). The shapes did not change across these versions for users and org.
 */
export type CrmResource = 'users' | 'org';

const CRM_PATH = /^\/crm\/v(?:2|2\.1|[3-8])\/(users|org)$/;

export function crmResource(path: string): CrmResource | undefined {
  const match = CRM_PATH.exec(path);
  return match?.[1] === 'users' || match?.[1] === 'org' ? match[1] : undefined;
}
