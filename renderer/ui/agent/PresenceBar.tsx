import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { NOT_READY_REASONS } from '../../../common/contract/model';
import { isOneOf } from '../../../common/oneOf';
import type { StateLine } from '../desk/agentState';
import { ReadinessButton } from '../readiness/ReadinessPanel';
import { selectAccountName, selectAgentState, selectAvailabilityKey, selectPresence } from '../snapshotSlices';
import { api, useCommand, useSnapshotPart } from '../useHearthline';

// Reasons main sets by itself are listed only while they are the current one.
const SYSTEM_REASONS = ['missedCall', 'offline', 'headsetRemoved', 'readinessCheck'] as const;
const REASONS = NOT_READY_REASONS.filter((reason) => !isOneOf(SYSTEM_REASONS, reason));

/**
 * Each part reads its own slice: a ring changes the presence and what the select's button says, so the
 * status and that label render; the select and its list (they follow the chosen availability) do not.
 */
export function PresenceBar() {
  const command = useCommand();
  const { t } = useTranslation();
  return (
    <header className="presence-bar">
      <PresenceStatus />
      <AccountName />
      <AvailabilitySelect onChoose={command.run} />
      <ReadinessButton />
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </header>
  );
}

function PresenceStatus() {
  const { t } = useTranslation();
  const presence = useSnapshotPart(selectPresence);
  return (
    <div className={`presence presence-${presence}`} role="status" aria-live="polite" aria-label={t('presence.label', { state: t(`presence.${presence}`) })} data-testid="presence">
      {t(`presence.${presence}`)}
    </div>
  );
}

function AccountName() {
  const name = useSnapshotPart(selectAccountName);
  return name === undefined ? null : <div className="account">{name}</div>;
}

function AvailabilitySelect({ onChoose }: { onChoose: (action: () => Promise<unknown>) => void }) {
  const { t } = useTranslation();
  const selected = useSnapshotPart(selectAvailabilityKey);
  return (
    <Select
      className="availability"
      data-testid="availability"
      selectedKey={selected}
      onSelectionChange={(key) => {
        if (key !== 'available' && !isOneOf(NOT_READY_REASONS, key)) return;
        onChoose(() => api().invoke('agent.setAvailability', key === 'available' ? { kind: 'available' } : { kind: 'notReady', reason: key }));
      }}
    >
      <Label>{t('availability.label')}</Label>
      <Button>
        <SelectValue>{() => <AgentStateLabel />}</SelectValue>
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
  );
}

/** The button shows the real state (On call, Wrap-up, Offline…), the list what the agent can switch to. */
function AgentStateLabel() {
  const { t } = useTranslation();
  const state = useSnapshotPart(selectAgentState);
  if (!state) return null;
  const line = (text: StateLine) => ('reason' in text ? t(text.key, { reason: t(`availability.reasons.${text.reason}`) }) : t(text.key));
  return state.afterwards ? t('desk.stateThen', { state: line(state.current), then: line(state.afterwards) }) : line(state.current);
}
