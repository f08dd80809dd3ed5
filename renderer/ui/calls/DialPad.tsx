import { useState } from 'react';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { selectCanDial, selectIdle } from '../snapshotSlices';
import { api, useCommand, useSnapshotPart } from '../useHearthline';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** The dial pad while no call rings, dials or is up; disabled until the phone is registered. */
export function IdleDialPad() {
  const idle = useSnapshotPart(selectIdle);
  const canDial = useSnapshotPart(selectCanDial);
  return idle ? <DialPad disabled={!canDial} /> : null;
}

export function DialPad({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  const command = useCommand();
  return (
    <section className="dial-pad" aria-label={t('dial.pad')}>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          if (target.trim()) command.run(() => api().invoke('call.dial', { target }));
        }}
      >
        <TextField value={target} onChange={setTarget}>
          <Label>{t('dial.label')}</Label>
          <Input inputMode="tel" autoComplete="off" data-testid="dial-input" />
        </TextField>
        <div className="keys" role="group" aria-label={t('dial.keys')}>
          {KEYS.map((key) => (
            <Button key={key} aria-label={t('dial.key', { key })} onPress={() => setTarget((value) => value + key)}>
              {key}
            </Button>
          ))}
        </div>
        <Button type="submit" className="primary" isDisabled={disabled || !target.trim()} data-testid="dial-button">
          {t('dial.call')}
        </Button>
      </Form>
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </section>
  );
}
