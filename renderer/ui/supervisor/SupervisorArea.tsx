// Help from a supervisor. The role comes from the account (main asks the gateway): an agent gets the
// raise-hand button (Alt+R), the chat with whoever took the request, the wellbeing card and exactly what
// the team board gets from this laptop; a supervisor gets the queue of raised hands and the team board.
import { memo, useEffect, useState } from 'react';
import { Button, Checkbox, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { HandContext, HandView, SupervisorView } from '../../../common/contract/supervisor';
import { shortcutHint } from '../desk/shortcutHint';
import { api, useCommand, useLiveView, useMainNow } from '../useHearthline';
import { ChatThread, HandContextLines } from './HandParts';
import { SupervisorDesk } from './SupervisorDesk';
import { WellbeingCard } from './WellbeingCard';

export function useSupervisorView(): SupervisorView | null | undefined {
  return useLiveView<SupervisorView>(
    () => api().invoke('supervisor.view', {}),
    (listener) => api().on('supervisor.changed', listener),
  );
}

// Memoised: it reads nothing from its parent, so a snapshot change (a call ringing) does not render it.
export const SupervisorArea = memo(function SupervisorArea() {
  const view = useSupervisorView();
  // Board times and break countdowns tick here, not at the root (renderer/ui/useHearthline.ts), and only
  // while the area shows.
  const now = useMainNow(view && view.role !== 'unknown' ? 1000 : undefined);
  if (!view || view.role === 'unknown') return null;
  return view.role === 'supervisor' ? <SupervisorDesk view={view} now={now} /> : <AgentHelp view={view} now={now} />;
});

function AgentHelp({ view, now }: { view: SupervisorView; now: number }) {
  const { t } = useTranslation();
  const [raising, setRaising] = useState(false);
  const open = view.hands.filter((hand) => hand.state !== 'closed');
  return (
    <section className="supervisor-help" aria-label={t('supervisor.help.title')}>
      <h2>{t('supervisor.help.title')}</h2>
      {!raising && (
        // Its key (Alt+R) is one of the desk's shortcuts (renderer/ui/desk/shortcuts.ts), which presses this button.
        <Button onPress={() => setRaising(true)} data-testid="raise-hand" ref={shortcutHint(t, 'raiseHand')}>
          {t('supervisor.help.raise')}
        </Button>
      )}
      {raising && <RaiseHandForm onDone={() => setRaising(false)} />}
      {open.map((hand) => (
        <MyHand key={hand.id} hand={hand} />
      ))}
      <WellbeingCard view={view} now={now} />
    </section>
  );
}

function RaiseHandForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const command = useCommand();
  const [text, setText] = useState('');
  const [includeExcerpt, setIncludeExcerpt] = useState(true);
  const [preview, setPreview] = useState<HandContext>();
  useEffect(() => {
    let current = true;
    api()
      .invoke('supervisor.previewHand', { text: '', includeExcerpt })
      .then((context) => current && setPreview(context))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [includeExcerpt]);
  return (
    <form
      className="raise-hand"
      aria-label={t('supervisor.help.formTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        command.run(async () => {
          await api().invoke('supervisor.raiseHand', { text, includeExcerpt });
          onDone();
        });
      }}
    >
      <TextField value={text} onChange={setText} maxLength={500} autoFocus>
        <Label>{t('supervisor.help.question')}</Label>
        <Input />
      </TextField>
      <Checkbox isSelected={includeExcerpt} onChange={setIncludeExcerpt}>
        {t('supervisor.help.includeExcerpt')}
      </Checkbox>
      {preview && (
        <div className="hand-preview" aria-label={t('supervisor.help.preview')} role="group">
          <p>{t('supervisor.help.preview')}</p>
          {Object.keys(preview).length === 0 ? <p>{t('supervisor.help.noCall')}</p> : <HandContextLines context={preview} />}
        </div>
      )}
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
      <Button type="submit">{t('supervisor.help.send')}</Button>
      <Button onPress={onDone}>{t('supervisor.help.cancel')}</Button>
    </form>
  );
}

function MyHand({ hand }: { hand: HandView }) {
  const { t } = useTranslation();
  const status =
    hand.state === 'taken' ? t('supervisor.help.takenBy', { name: hand.takenBy }) : hand.deliveredLive === false ? t('supervisor.help.waitingStored') : t('supervisor.help.waiting');
  return (
    <article className="my-hand" aria-label={t('supervisor.help.myRequest')} data-hand-state={hand.state}>
      <p role="status">{status}</p>
      {hand.text && <p className="hand-text">{hand.text}</p>}
      <ChatThread hand={hand} canWrite />
    </article>
  );
}
