import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { NotReadyReasonSchema, type Snapshot } from '../../../common/contract/model';
import { agentStateText, type StateLine } from '../desk/agentState';
import { ReadinessButton } from '../readiness/ReadinessPanel';
import { api, useCommand } from '../useHearthline';

// Reasons main sets by itself are listed only while they are the current one.
const SYSTEM_REASONS = ['missedCall', 'offline', 'headsetRemoved', 'readinessCheck'] as const;
const REASONS = NotReadyReasonSchema.options.filter((reason) => !(SYSTEM_REASONS as readonly string[]).includes(reason));

export function PresenceBar({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const command = useCommand();
  const selected = snapshot.availability.kind === 'available' ? 'available' : snapshot.availability.reason;
  // The button shows the real state (On call, Wrap-up, Offline…), the list what the agent can switch to.
  const state = agentStateText(snapshot.presence, snapshot.availability);
  const line = (text: StateLine) => ('reason' in text ? t(text.key, { reason: t(`availability.reasons.${text.reason}`) }) : t(text.key));
  return (
    <header className="presence-bar">
      <div className={`presence presence-${snapshot.presence}`} role="status" aria-live="polite" aria-label={t('presence.label', { state: t(`presence.${snapshot.presence}`) })} data-testid="presence">
        {t(`presence.${snapshot.presence}`)}
      </div>
      {snapshot.account && <div className="account">{snapshot.account.displayName}</div>}
      <Select
        className="availability"
        data-testid="availability"
        selectedKey={selected}
        onSelectionChange={(key) =>
          command.run(() =>
            api().invoke(
              'agent.setAvailability',
              key === 'available' ? { kind: 'available' } : { kind: 'notReady', reason: NotReadyReasonSchema.parse(key) },
            ),
          )
        }
      >
        <Label>{t('availability.label')}</Label>
        <Button>
          <SelectValue>{() => (state.afterwards ? t('desk.stateThen', { state: line(state.current), then: line(state.afterwards) }) : line(state.current))}</SelectValue>
        </Button>
        <Popover>
          <ListBox>
            <ListBoxItem id="available">{t('availability.available')}</ListBoxItem>
            {[...REASONS, ...SYSTEM_REASONS.filter((reason) => reason !== 'offline' && reason === selected)].map((reason) => (
              <ListBoxItem key={reason} id={reason}>
                {t('availability.notReady', { reason: t(`availability.reasons.${reason}`) })}
              </ListBoxItem>
            ))}
          </ListBox>
        </Popover>
      </Select>
      <ReadinessButton />
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </header>
  );
}
