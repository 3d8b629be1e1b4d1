import { create } from 'zustand';
import { SANDBOX_SCOPES } from '../../shell/FirstRun';

/** What the next consent will ask for; kept across tab switches, per session (not a secret). */
interface ConsentDraft {
  readonly scopes: readonly string[];
  readonly accessType: 'offline' | 'online';
  readonly promptConsent: boolean;
}

export const useConsentDraft = create<ConsentDraft>(() => ({
  scopes: SANDBOX_SCOPES,
  accessType: 'offline',
  promptConsent: true,
}));

export function addScope(scope: string): void {
  const value = scope.trim();
  if (value === '') return;
  useConsentDraft.setState((s) => (s.scopes.includes(value) ? s : { scopes: [...s.scopes, value] }));
}

export function removeScope(scope: string): void {
  useConsentDraft.setState((s) => ({ scopes: s.scopes.filter((x) => x !== scope) }));
}

export function setAccessType(accessType: ConsentDraft['accessType']): void {
  useConsentDraft.setState({ accessType });
}

export function setPromptConsent(promptConsent: boolean): void {
  useConsentDraft.setState({ promptConsent });
}
