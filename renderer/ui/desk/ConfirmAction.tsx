// A button for an action that cannot be undone (forget a customer, hang up on a conference): it opens a
// dialog that says what will happen, with Cancel focused first, so one stray click or Enter never does it.
import type { ReactNode } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

export interface ConfirmActionProps {
  /** The trigger button's content (its accessible name). */
  children: ReactNode;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  className?: string;
  testId?: string;
  confirmTestId?: string;
  /** Tooltip and aria-keyshortcuts of the trigger (shortcutHint), when a shortcut opens it. */
  hint?: (element: HTMLElement | null) => void;
}

export function ConfirmAction({ children, title, body, confirmLabel, onConfirm, className, testId, confirmTestId, hint }: ConfirmActionProps) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className={className} data-testid={testId} ref={hint}>
        {children}
      </Button>
      <ModalOverlay className="react-aria-ModalOverlay confirm-overlay" isDismissable>
        <Modal className="confirm-modal">
          <Dialog role="alertdialog" className="confirm-dialog" data-testid="confirm-dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{title}</Heading>
                <p>{body}</p>
                <div className="confirm-actions">
                  <Button autoFocus onPress={close}>
                    {t('desk.confirm.cancel')}
                  </Button>
                  <Button
                    className="danger"
                    data-testid={confirmTestId}
                    onPress={() => {
                      close();
                      onConfirm();
                    }}
                  >
                    {confirmLabel}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
