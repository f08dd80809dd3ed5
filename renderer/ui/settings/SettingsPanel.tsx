// Settings, updates and diagnostics, behind a button in the footer. Settings IT manages are shown but
// cannot be changed ("Managed by your organisation"); everything is fetched fresh when the panel opens.
import { memo, useCallback, useEffect, useState } from 'react';
import {
  Button,
  Dialog,
  DialogTrigger,
  Group,
  Heading,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Modal,
  NumberField,
  Popover,
  Select,
  SelectValue,
  Switch,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DiagnosticsResult, SettingsSetRequest, SettingsView, UpdateStatus } from '../../../common/contract/settings';
import { DevicesPanel, ExportHeadsetInfo } from '../devices/DevicesPanel';
import { api, useCommand } from '../useHearthline';
import { formatValue, settingRows, type SettingRow } from './settingsRows';

// Memoised: it reads nothing from its parent, so a snapshot change (a call ringing) does not render it.
export const SettingsButton = memo(function SettingsButton() {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button data-testid="settings-open">{t('settings.open')}</Button>
      <Modal className="settings-modal" isDismissable>
        <Dialog className="settings" aria-label={t('settings.title')}>
          {({ close }) => <SettingsPanel onClose={close} />}
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
});

export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const command = useCommand();
  const [view, setView] = useState<SettingsView>();
  const [updates, setUpdates] = useState<UpdateStatus>();
  const [diagnostics, setDiagnostics] = useState<DiagnosticsResult>();
  const [exporting, setExporting] = useState(false);

  const refresh = useCallback(() => {
    command.run(async () => {
      const [settings, status] = await Promise.all([api().invoke('settings.get', {}), api().invoke('updates.status', {})]);
      setView(settings);
      setUpdates(status);
    });
  }, [command.run]);
  useEffect(refresh, [refresh]);

  const change = (request: SettingsSetRequest) => command.run(async () => setView(await api().invoke('settings.set', request)));

  return (
    <div className="settings-panel" data-testid="settings-panel">
      <header>
        <Heading slot="title">{t('settings.title')}</Heading>
        <Button onPress={onClose} aria-label={t('settings.close')}>
          ×
        </Button>
      </header>
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}

      {view && (
        <ul className="settings-list">
          {settingRows(view).map((row) => (
            <li key={row.key} className={row.managed ? 'setting managed' : 'setting'} data-testid={`setting-${row.key}`}>
              <SettingControlView row={row} onChange={change} />
              {row.managed && <span className="managed-note">{t('settings.managed')}</span>}
            </li>
          ))}
        </ul>
      )}
      {view && view.policyProblems.length > 0 && (
        <details className="policy-problems">
          <summary>{t('settings.policyProblems')}</summary>
          <ul>
            {view.policyProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </details>
      )}

      <DevicesPanel />

      {updates && (
        <section className="settings-updates" aria-label={t('settings.updates.title')}>
          <h3>{t('settings.updates.title')}</h3>
          <p data-testid="update-status">
            {t(`settings.updates.state.${updates.state}`, { version: updates.availableVersion ?? '', current: updates.currentVersion })}
            {updates.deferredBecause && ` ${t('settings.updates.waitingFor', { reasons: updates.deferredBecause.map((reason) => t(`settings.updates.reason.${reason}`)).join(', ') })}`}
          </p>
          {updates.error && <p className="detail">{updates.error}</p>}
          {updates.state === 'ready' && (
            <Button className="primary" onPress={() => command.run(async () => setUpdates(await api().invoke('updates.installNow', {})))}>
              {t('settings.updates.installNow')}
            </Button>
          )}
        </section>
      )}

      <section className="settings-diagnostics" aria-label={t('settings.diagnostics.title')}>
        <h3>{t('settings.diagnostics.title')}</h3>
        <p className="detail">{t('settings.diagnostics.explain')}</p>
        <Button
          data-testid="export-diagnostics"
          isDisabled={exporting}
          onPress={() =>
            command.run(async () => {
              setExporting(true);
              try {
                setDiagnostics(await api().invoke('diagnostics.export', {}));
              } finally {
                setExporting(false);
              }
            })
          }
        >
          {exporting ? t('settings.diagnostics.exporting') : t('settings.diagnostics.export')}
        </Button>
        {diagnostics && (
          <p role="status" data-testid="diagnostics-result">
            {t('settings.diagnostics.saved', { file: diagnostics.file })}{' '}
            {diagnostics.upload === 'uploaded' && t('settings.diagnostics.uploaded')}
            {diagnostics.upload === 'failed' && t('settings.diagnostics.uploadFailed', { reason: diagnostics.uploadError ?? '' })}
          </p>
        )}
        <ExportHeadsetInfo />
      </section>
    </div>
  );
}

function SettingControlView({ row, onChange }: { row: SettingRow; onChange: (request: SettingsSetRequest) => void }) {
  const { t } = useTranslation();
  const label = t(`settings.keys.${row.key}`);
  const { control } = row;
  switch (control.kind) {
    case 'toggle':
      return (
        <Switch isSelected={control.value} isDisabled={row.disabled} onChange={(value) => row.key === 'autoAnswer' && onChange({ key: 'autoAnswer', value })}>
          <div className="indicator" /> {label}
        </Switch>
      );
    case 'number':
      return (
        <NumberField
          value={control.value}
          minValue={control.min}
          maxValue={control.max}
          isDisabled={row.disabled}
          onChange={(value) => row.key === 'wrapUpSeconds' && Number.isInteger(value) && onChange({ key: 'wrapUpSeconds', value })}
        >
          <Label>{label}</Label>
          <Group>
            <Button slot="decrement">−</Button>
            <Input />
            <Button slot="increment">+</Button>
          </Group>
        </NumberField>
      );
    case 'choice':
      return (
        <Select
          selectedKey={control.value}
          isDisabled={row.disabled}
          onSelectionChange={(key) => {
            if (row.key === 'updateMode' && (key === 'auto' || key === 'notify' || key === 'off')) onChange({ key: 'updateMode', value: key });
            if (row.key === 'asrProvider' && (key === 'off' || key === 'local' || key === 'cloud')) onChange({ key: 'asrProvider', value: key });
          }}
        >
          <Label>{label}</Label>
          <Button>
            <SelectValue />
          </Button>
          <Popover>
            <ListBox>
              {control.options.map((option) => (
                <ListBoxItem key={option} id={option}>
                  {t(`settings.values.${row.key}.${option}`)}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
      );
    case 'readonly':
      return (
        <div className="readonly">
          <span className="label">{label}</span> <span className="value">{formatValue(control.value)}</span>
        </div>
      );
  }
}
