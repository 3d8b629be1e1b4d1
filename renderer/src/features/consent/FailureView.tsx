import type { ReactNode } from 'react';
import type { UiError } from '../../api';
import { GuardWarning } from '../../components/GuardWarning';
import { ZohoError } from '../../components/ZohoError';

/** A failed action: the limit guard's warning (with a forced retry), or the error explained. */
export function FailureView({
  error,
  onForce,
  actions,
}: {
  error: UiError;
  onForce: () => void;
  actions?: ReactNode;
}) {
  if (error.code === 'limit_guard') return <GuardWarning error={error} onForce={onForce} />;
  return <ZohoError error={error} actions={actions} />;
}
