// Work going on in the background, said in words beside the state: signing in to the phone server,
// notes going to the CRM, knowledge articles not synced yet, an update downloading.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssistView } from '../../../common/contract/assist';
import type { UpdateStatus } from '../../../common/contract/settings';
import { useAssistPart } from '../assist/useAssist';
import { selectRegistering } from '../snapshotSlices';
import { api, useSnapshotPart } from '../useHearthline';
import { useWrapUpPart } from '../wrapup/useWrapUp';

/** Updates have no push event: ask now and then (cheap, and only the state word is shown). */
const UPDATE_POLL_MS = 30_000;

function useUpdateState(): UpdateStatus['state'] | undefined {
  const [state, setState] = useState<UpdateStatus['state']>();
  useEffect(() => {
    let live = true;
    const load = () =>
      api()
        .invoke('updates.status', {})
        .then((status) => live && setState(status.state))
        .catch(() => undefined);
    load();
    const timer = setInterval(load, UPDATE_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return state;
}

const selectKnowledgeState = (view: AssistView | undefined) => view?.knowledge?.state;

export function ProgressStrip() {
  const { t } = useTranslation();
  const registering = useSnapshotPart(selectRegistering);
  // The knowledge state only: a transcript push does not render the strip.
  const knowledgeState = useAssistPart(selectKnowledgeState);
  // The sync queue only: an autosave elsewhere in the wrap-up view does not render the strip.
  const queue = useWrapUpPart((view) => view?.queue);
  const update = useUpdateState();
  const items: { id: string; text: string }[] = [];
  if (registering) items.push({ id: 'registration', text: t('desk.progress.registering') });
  if (queue && queue.sending > 0) items.push({ id: 'crm', text: t('desk.progress.crm', { count: queue.sending }) });
  else if (queue && queue.gateway === 'unknown') items.push({ id: 'crm', text: t('desk.progress.crmConnecting') });
  if (knowledgeState === 'seed') items.push({ id: 'knowledge', text: t('desk.progress.knowledge') });
  if (update === 'downloading' || update === 'checking' || update === 'installing') items.push({ id: 'update', text: t(`desk.progress.update.${update}`) });
  return (
    <div className="progress-strip" role="status" aria-live="polite" data-testid="progress-strip">
      {items.map((item) => (
        <span key={item.id} className="progress-item" data-progress={item.id}>
          <span className="spinner" aria-hidden="true" />
          {item.text}
        </span>
      ))}
    </div>
  );
}
