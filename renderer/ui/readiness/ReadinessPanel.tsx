// The shift-start readiness check: one dialog, opened from the agent bar, listing microphone, speaker,
// ringer, headset, network and system, each green / amber / red with its figures and a fix-it hint.
// Main runs the probes and grades them; this screen starts a run and asks the agent about the tones.
import { memo } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ReadinessItemView, ReadinessView } from '../../../common/contract/readiness';
import { api, useCommand, useLiveView } from '../useHearthline';
import { figureTexts, untestedReasonKey } from './readinessLines';

export function useReadinessView(): ReadinessView | null | undefined {
  return useLiveView<ReadinessView>(
    () => api().invoke('readiness.view', {}),
    (listener) => api().on('readiness.changed', listener),
  );
}

/** The agent-bar button; marked when IT requires a check that has not passed yet. */
// Memoised: it reads nothing from its parent, so a snapshot change (a call ringing) does not render it.
export const ReadinessButton = memo(function ReadinessButton() {
  const { t } = useTranslation();
  const view = useReadinessView();
  if (!view) return null;
  const needed = view.required && !view.passed;
  return (
    <DialogTrigger>
      <Button className={needed ? 'readiness-open needed' : 'readiness-open'} data-testid="readiness-open">
        {t('readiness.open')}
        {needed && <span className="readiness-required"> · {t('readiness.requiredBadge')}</span>}
      </Button>
      <Modal className="settings-modal" isDismissable>
        <Dialog className="settings" aria-label={t('readiness.title')}>
          {({ close }) => <ReadinessPanel view={view} onClose={close} />}
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
});

export function ReadinessPanel({ view, onClose }: { view: ReadinessView; onClose: () => void }) {
  const { t } = useTranslation();
  const command = useCommand();
  const run = view.run;
  const running = run !== null && !run.finished;
  const measuring = running && run.items.some((item) => item.state === 'running');
  const awaitingAgent = running && !measuring && run.items.some((item) => item.state === 'waiting');
  return (
    <div className="settings-panel readiness-panel" data-testid="readiness-panel">
      <header>
        <Heading slot="title">{t('readiness.title')}</Heading>
        <Button onPress={onClose} aria-label={t('readiness.close')}>
          ×
        </Button>
      </header>
      <p>{t('readiness.explain')}</p>
      {view.required && (
        <p className={view.passed ? 'readiness-status passed' : 'readiness-status needed'} data-testid="readiness-required">
          {view.passed && view.validUntil ? t('readiness.requiredPassed', { time: new Date(view.validUntil).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) }) : t('readiness.requiredNotPassed')}
        </p>
      )}
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}

      {run && (
        <ul className="readiness-items" data-testid="readiness-items">
          {run.items.map((item) => (
            <ReadinessRow key={item.id} item={item} open={running} onCommand={command.run} />
          ))}
        </ul>
      )}
      {run?.finished && run.verdict && (
        <p className={`readiness-verdict grade-${run.verdict}`} data-testid="readiness-verdict" data-grade={run.verdict}>
          {t(`readiness.verdict.${run.verdict}`)} {run.durationMs !== undefined && t('readiness.took', { seconds: (run.durationMs / 1000).toFixed(1) })}
          {!view.stored && ` ${t('readiness.notStored')}`}
        </p>
      )}
      {measuring && (
        <p role="status" data-testid="readiness-measuring">
          {t('readiness.measuring')}
        </p>
      )}
      <div className="readiness-actions">
        {!running && (
          <Button data-testid="readiness-run" onPress={() => command.run(() => api().invoke('readiness.run', {}))}>
            {run ? t('readiness.runAgain') : t('readiness.run')}
          </Button>
        )}
        {awaitingAgent && (
          <Button data-testid="readiness-finish" onPress={() => command.run(() => api().invoke('readiness.finish', {}))}>
            {t('readiness.finish')}
          </Button>
        )}
      </div>
    </div>
  );
}

function ReadinessRow({ item, open, onCommand }: { item: ReadinessItemView; open: boolean; onCommand: (action: () => Promise<unknown>) => void }) {
  const { t } = useTranslation();
  const result = item.result;
  const grade = result?.grade ?? 'pending';
  const askTone = (item.id === 'speaker' || item.id === 'ringer') && open && item.state === 'waiting';
  const sink = item.id === 'speaker' || item.id === 'ringer' ? item.id : undefined;
  return (
    <li className={`readiness-item grade-${grade}`} data-testid={`readiness-item-${item.id}`} data-grade={grade} data-state={item.state}>
      <span className="readiness-dot" aria-hidden="true" />
      <div className="readiness-body">
        <strong>{t(`readiness.item.${item.id}`)}</strong>{' '}
        <span className="readiness-grade">{result ? t(`readiness.grade.${result.grade}`) : t(`readiness.state.${item.state}`)}</span>
        {result && figureTexts(result).length > 0 && (
          <div className="readiness-figures" data-testid={`readiness-figures-${item.id}`}>
            {figureTexts(result)
              .map((figure) => t(figure.key, figure.values))
              .join(' · ')}
          </div>
        )}
        {result?.hint && (
          <div className="readiness-hint" data-testid={`readiness-hint-${item.id}`} data-hint={result.hint}>
            {t(`readiness.hint.${result.hint}`, { reason: t(untestedReasonKey(result.detail)) })}
          </div>
        )}
        {item.id === 'headset' && item.state === 'running' && <div className="readiness-hint">{t('readiness.pressHeadset')}</div>}
        {item.id === 'microphone' && item.state === 'running' && <div className="readiness-hint">{t('readiness.speakNow')}</div>}
        {askTone && sink && (
          <div className="readiness-confirm">
            <span>{t(`readiness.ask.${sink}`)}</span>
            <Button data-testid={`readiness-play-${sink}`} onPress={() => onCommand(() => api().invoke('readiness.playTone', { sink }))}>
              {t('readiness.playAgain')}
            </Button>
            <Button data-testid={`readiness-heard-${sink}`} onPress={() => onCommand(() => api().invoke('readiness.confirm', { item: sink, heard: true }))}>
              {t('readiness.heard')}
            </Button>
            <Button data-testid={`readiness-not-heard-${sink}`} onPress={() => onCommand(() => api().invoke('readiness.confirm', { item: sink, heard: false }))}>
              {t('readiness.notHeard')}
            </Button>
          </div>
        )}
      </div>
    </li>
  );
}
