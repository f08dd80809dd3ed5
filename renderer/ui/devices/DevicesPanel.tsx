// Audio devices and headset: microphone, call audio and a separate ringer, each "follow the system"
// or one device; a live level meter while the panel is open; test sounds; echo cancellation, noise
// suppression and AGC for the microphone in use; the headset's state and "Export headset info".
import { useEffect, useState } from 'react';
import { Button, Label, ListBox, ListBoxItem, Meter, Popover, Select, SelectValue, Switch } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AudioProcessing, AudioRole, DevicesView } from '../../../common/contract/devices';
import { api, useCommand } from '../useHearthline';
import { choiceKey, deviceOptions, fallbackNote } from './deviceChoices';

const ROLES: ReadonlyArray<{ role: AudioRole; kind: 'audioinput' | 'audiooutput' }> = [
  { role: 'input', kind: 'audioinput' },
  { role: 'output', kind: 'audiooutput' },
  { role: 'ringer', kind: 'audiooutput' },
];
const PROCESSING: ReadonlyArray<keyof AudioProcessing> = ['echoCancellation', 'noiseSuppression', 'autoGainControl'];

function useDevicesView(): DevicesView | undefined {
  const [view, setView] = useState<DevicesView>();
  useEffect(() => {
    const off = api().on('devices.changed', setView);
    void api().invoke('devices.view', {}).then(setView, () => undefined);
    return off;
  }, []);
  return view;
}

/** The microphone level, while the component is shown (the meter opens the microphone). */
function useMicrophoneLevel(): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    const off = api().on('devices.level', ({ level: next }) => setLevel(next));
    void api().invoke('devices.meter', { on: true }).catch(() => undefined);
    return () => {
      off();
      void api().invoke('devices.meter', { on: false }).catch(() => undefined);
    };
  }, []);
  return level;
}

export function DevicesPanel() {
  const { t } = useTranslation();
  const command = useCommand();
  const view = useDevicesView();
  const level = useMicrophoneLevel();
  if (!view) return null;
  const inputs = view.inputs;
  const outputs = view.outputs;

  return (
    <section className="settings-devices" aria-label={t('devices.title')} data-testid="devices-panel">
      <h3>{t('devices.title')}</h3>
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
      {!view.engineReady && <p className="detail">{t('devices.engineStarting')}</p>}
      {ROLES.map(({ role, kind }) => {
        const choice = view.preferences[role];
        const options = deviceOptions(kind === 'audioinput' ? inputs : outputs, kind, choice);
        const note = fallbackNote(choice, view.active[role]);
        return (
          <div key={role} className="device-row" data-testid={`device-${role}`}>
            <Select
              selectedKey={choiceKey(choice)}
              onSelectionChange={(key) => {
                const option = options.find((candidate) => candidate.key === key);
                if (option) command.run(() => api().invoke('devices.choose', { role, choice: option.choice }));
              }}
            >
              <Label>{t(`devices.role.${role}`)}</Label>
              <Button data-testid={`device-${role}-select`}>
                <SelectValue />
              </Button>
              <Popover>
                <ListBox>
                  {options.map((option) => (
                    <ListBoxItem key={option.key} id={option.key} textValue={option.label ?? t(option.labelKey ?? '')}>
                      {option.labelKey ? t(option.labelKey, { device: option.label ?? '' }) : option.label}
                    </ListBoxItem>
                  ))}
                </ListBox>
              </Popover>
            </Select>
            {role !== 'input' && (
              <Button data-testid={`device-${role}-test`} onPress={() => command.run(() => api().invoke('devices.testTone', { role }))}>
                {t('devices.testTone')}
              </Button>
            )}
            {role === 'input' && (
              <Meter value={Math.round(level * 100)} aria-label={t('devices.level')} data-testid="mic-level">
                {({ percentage }) => (
                  <div className="meter-bar">
                    <div className="meter-fill" style={{ width: `${percentage}%` }} />
                  </div>
                )}
              </Meter>
            )}
            <p className="detail" data-testid={`device-${role}-active`}>
              {note
                ? t('devices.fallback', note)
                : view.active[role]
                  ? t('devices.inUse', { device: view.active[role]?.label || t('devices.systemDefault') })
                  : t('devices.noneInUse')}
            </p>
          </div>
        );
      })}
      <div className="device-processing">
        {PROCESSING.map((key) => (
          <Switch
            key={key}
            isSelected={view.processing[key]}
            isDisabled={!view.active.input}
            onChange={(on) => command.run(() => api().invoke('devices.processing', { ...view.processing, [key]: on }))}
          >
            <div className="indicator" /> {t(`devices.processing.${key}`)}
          </Switch>
        ))}
      </div>

      <div className="device-headset" data-testid="headset-status">
        <h4>{t('devices.headset.title')}</h4>
        <p>
          {t(`devices.headset.state.${view.headset.state}`, { name: view.headset.name ?? '' })}
          {view.headset.state === 'connected' && view.headset.certification === 'notCertified' && ` ${t('devices.headset.notCertified')}`}
          {view.headset.state === 'connected' && !view.headset.pairedWithAudio && ` ${t('devices.headset.notPaired')}`}
        </p>
        {view.headset.controls.length > 0 && (
          <p className="detail">{t('devices.headset.controls', { controls: view.headset.controls.map((control) => t(`devices.headset.control.${control}`)).join(', ') })}</p>
        )}
      </div>
    </section>
  );
}

/** "Export headset info" (Settings → Diagnostics): the headset's HID collections and a short report trace, for IT. */
export function ExportHeadsetInfo() {
  const { t } = useTranslation();
  const command = useCommand();
  const view = useDevicesView();
  const [exported, setExported] = useState<string>();
  const connected = view?.headset.state === 'connected';
  return (
    <div className="export-headset">
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
        <Button
          data-testid="export-headset"
          isDisabled={!connected}
          onPress={() =>
            command.run(async () => {
              const { fileName, json } = await api().invoke('devices.exportHeadsetInfo', {});
              saveFile(fileName, json);
              setExported(fileName);
            })
          }
        >
          {t('devices.headset.export')}
        </Button>
        {exported && <p role="status">{t('devices.headset.exported', { file: exported })}</p>}
      {!connected && <p className="detail">{t('devices.headset.exportNeedsHeadset')}</p>}
    </div>
  );
}

function saveFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
