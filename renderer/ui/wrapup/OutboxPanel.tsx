import { memo, useState } from 'react';
import { Button, Form, Label, TextArea, TextField } from 'react-aria-components';
import { useSharedTranslation } from '../i18n/sharedTranslation';
import type { Disposition } from '../../../common/contract/gateway';
import type { OutboxItemView, ParkedNoteEdit, WrapUpView } from '../../../common/contract/wrapup';
import { api, useCommand } from '../useHearthline';
import { DispositionSelect } from './DispositionSelect';
import { queueHeadline } from './draftForm';
import { useDispositionLabel } from './useDispositionLabel';

/**
 * The sync queue, always on screen: how many notes are waiting, each one's state, retry and fix. Given
 * only the parts of the wrap-up view it shows, so a draft's autosave (another part) does not render it.
 */
export const OutboxPanel = memo(function OutboxPanel({ queue, items, dispositions }: Pick<WrapUpView, 'queue' | 'items' | 'dispositions'>) {
  const { t, i18n } = useSharedTranslation();
  const command = useCommand();
  const headline = queueHeadline(queue);
  const allClear = headline[0]?.key === 'outbox.allSynced';
  const time = (ms: number) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(ms);
  const unsynced = queue.waiting + queue.needsAttention;
  return (
    <section className="outbox" aria-label={t('outbox.title')} data-testid="outbox">
      <header>
        <h2 className={`outbox-headline${allClear ? ' outbox-allSynced' : ''}`} role="status" aria-live="polite" data-testid="outbox-headline">
          {headline.map((line, index) => (
            <span key={line.key} className={line.key.replace('.', '-')}>
              {index > 0 && ' · '}
              {'count' in line ? t(line.key, { count: line.count }) : t(line.key)}
            </span>
          ))}
        </h2>
        {unsynced > 0 && (
          <Button onPress={() => command.run(() => api().invoke('outbox.retryNow', {}))} data-testid="outbox-retry-all">
            {t('outbox.retryNow')}
          </Button>
        )}
      </header>
      <p className={`gateway gateway-${queue.gateway}`}>
        {t(`outbox.gateway.${queue.gateway}`)}
      </p>
      {items.length > 0 && (
        <ul className="outbox-items">
          {items.map((item) => (
            <OutboxItem key={item.id} item={item} dispositions={dispositions} time={time} />
          ))}
        </ul>
      )}
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </section>
  );
});

function OutboxItem({ item, dispositions, time }: { item: OutboxItemView; dispositions: Disposition[]; time: (ms: number) => string }) {
  const { t } = useSharedTranslation();
  const label = useDispositionLabel();
  const command = useCommand();
  const [editing, setEditing] = useState(false);
  const what =
    item.kind === 'note'
      ? t('outbox.note', { disposition: label(dispositions, item.disposition ?? '') })
      : item.kind === 'callback'
        ? t('outbox.callback', { number: item.callbackNumber ?? '', time: item.dueAt ? time(item.dueAt) : '' })
        : t(`outbox.${item.kind}`, { summary: item.summary });
  return (
    <li className={`outbox-item state-${item.state}`} data-testid="outbox-item" data-state={item.state}>
      <div className="line">
        <span className="what">{what}</span>
        {item.customerNumber !== item.callbackNumber && <span className="customer">{item.customerNumber}</span>}
        <span className="state">
          {t(`outbox.state.${item.state}`, { time: item.nextAttemptAt ? time(item.nextAttemptAt) : '', count: item.attempts })}
        </span>
      </div>
      {item.summary && <p className="summary">{item.summary}</p>}
      {item.lastError && item.state !== 'synced' && (
        <p className="reason" title={item.lastError.message}>
          {item.state === 'needsAttention'
            ? t('outbox.refused', { message: item.lastError.message })
            : t('outbox.lastError', { message: item.lastError.status === undefined ? t('outbox.noAnswer') : item.lastError.message })}
        </p>
      )}
      {(item.state === 'needsAttention' || item.state === 'retrying') && !editing && (
        <div className="item-actions">
          <Button onPress={() => command.run(() => api().invoke('outbox.retryNow', { id: item.id }))}>{t('outbox.retryNow')}</Button>
          {item.editable && (
            <Button onPress={() => setEditing(true)} data-testid="outbox-edit">
              {t('outbox.edit')}
            </Button>
          )}
        </div>
      )}
      {editing && item.editable && (
        <ParkedNoteEditor
          initial={item.editable}
          dispositions={dispositions}
          onCancel={() => setEditing(false)}
          onSave={(note) => command.run(() => api().invoke('outbox.editParked', { id: item.id, note }).then(() => setEditing(false)))}
        />
      )}
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </li>
  );
}

function ParkedNoteEditor({
  initial,
  dispositions,
  onSave,
  onCancel,
}: {
  initial: ParkedNoteEdit;
  dispositions: Disposition[];
  onSave: (note: ParkedNoteEdit) => void;
  onCancel: () => void;
}) {
  const { t } = useSharedTranslation();
  const [note, setNote] = useState(initial);
  return (
    <Form
      className="parked-editor"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(note);
      }}
    >
      <DispositionSelect value={note.disposition} dispositions={dispositions} onChange={(disposition) => setNote({ ...note, disposition })} />
      <TextField value={note.notes} onChange={(notes) => setNote({ ...note, notes })} maxLength={20_000}>
        <Label>{t('wrapup.notes')}</Label>
        <TextArea rows={4} data-testid="outbox-edit-notes" />
      </TextField>
      <div className="item-actions">
        <Button type="submit" className="primary" data-testid="outbox-edit-save">
          {t('outbox.saveAndResend')}
        </Button>
        <Button onPress={onCancel}>{t('outbox.cancel')}</Button>
      </div>
    </Form>
  );
}
