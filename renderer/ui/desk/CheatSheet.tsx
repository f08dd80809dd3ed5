// The list of keyboard shortcuts, opened with "?" or its button in the call bar.
import { memo } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { isMac, shortcutHint } from './shortcutHint';
import { SHORTCUT_ACTIONS, shortcutLabel } from './shortcuts';

// Memoised: its props change only when it opens or closes, not when a call rings.
export const CheatSheet = memo(function CheatSheet({ isOpen, onOpenChange }: { isOpen: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Button className="shortcuts-open" onPress={() => onOpenChange(true)} ref={shortcutHint(t, 'cheatSheet')} data-testid="shortcuts-open">
        {t('desk.shortcutsButton')}
      </Button>
      <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable className="react-aria-ModalOverlay">
        <Modal className="cheat-sheet-modal">
          <Dialog className="cheat-sheet" data-testid="cheat-sheet">
            {({ close }) => (
              <>
                <Heading slot="title">{t('desk.shortcutsTitle')}</Heading>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('desk.shortcutsAction')}</th>
                      <th scope="col">{t('desk.shortcutsKeys')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {SHORTCUT_ACTIONS.map((action) => (
                      <tr key={action}>
                        <td>{t(`desk.shortcuts.${action}`)}</td>
                        <td>
                          <kbd>{shortcutLabel(action, isMac())}</kbd>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <Button onPress={close} autoFocus>
                  {t('desk.close')}
                </Button>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </>
  );
});
