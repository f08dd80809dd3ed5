import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../useHearthline';
import { clickToDial } from './clickToDial';

/** A phone number the agent can click to call, e.g. on a customer record or a callback reminder. */
export function DialLink({ number, label }: { number: string; label?: string }) {
  const { t } = useTranslation();
  const command = useCommand();
  return (
    <span className="dial-link">
      <Button className="link" aria-label={t('dial.callNumber', { number })} onPress={() => command.run(() => clickToDial(number))}>
        {label ?? number}
      </Button>
      {command.error && <span role="alert">{t('error.generic', { message: command.error })}</span>}
    </span>
  );
}
