import type { ReactNode } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  readonly title: string;
  /** The safe answer; it has the focus, so Enter never does the damage by accident. */
  readonly keepLabel: string;
  /** Names what happens: "Revoke", "Yes, run it anyway". */
  readonly confirmLabel: string;
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
  /** What the action costs, in plain words. */
  readonly children: ReactNode;
}

/** The one question before an action that deletes tokens or courts Zoho's lock-out. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, keepLabel, confirmLabel, onCancel, onConfirm, children } = props;
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel} autoFocus>
            {keepLabel}
          </Button>
          <Button variant="primary" className="btn-force" onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
