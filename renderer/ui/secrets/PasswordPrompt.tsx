// First run (or a password that went missing): asks for the phone password, which main keeps in its
// secret store and signs in with. The password never sits in a settings file.
import { useState } from 'react';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { selectAccount } from '../snapshotSlices';
import { api, useCommand, useSnapshotPart } from '../useHearthline';

export function PasswordPrompt() {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const command = useCommand();
  const account = useSnapshotPart(selectAccount);
  if (!account?.passwordMissing) return null;
  return (
    <section className="password-prompt" aria-labelledby="password-prompt-title">
      <h2 id="password-prompt-title">{t('secrets.title')}</h2>
      <p role="alert">{t('secrets.missing', { account: account.sipUri })}</p>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          if (password) command.run(() => api().invoke('account.setPassword', { password }).then(() => setPassword('')));
        }}
      >
        <TextField type="password" value={password} onChange={setPassword} isRequired>
          <Label>{t('secrets.password')}</Label>
          <Input autoComplete="current-password" />
        </TextField>
        <p className="hint">{t('secrets.kept')}</p>
        <Button type="submit" className="primary" isDisabled={!password}>
          {t('secrets.signIn')}
        </Button>
      </Form>
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </section>
  );
}
