// Pieces both sides of a raised hand show: the call context it carries and its chat thread.
import { useEffect, useState } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { HandContext, HandView } from '../../../common/contract/supervisor';
import { api, formatDuration, useCommand } from '../useHearthline';

export function HandContextLines({ context }: { context: HandContext }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [];
  if (context.caller) rows.push([t('supervisor.context.caller'), context.caller]);
  if (context.customerName) rows.push([t('supervisor.context.customer'), context.customerName]);
  if (context.openCase) rows.push([t('supervisor.context.openCase'), context.openCase]);
  if (context.topSuggestion) rows.push([t('supervisor.context.suggestion'), context.topSuggestion]);
  if (context.mood !== undefined) {
    const mood = context.mood <= -0.2 ? 'negative' : context.mood >= 0.2 ? 'positive' : 'neutral';
    rows.push([t('supervisor.context.mood'), `${t(`supervisor.mood.${mood}`)}${context.moodTrend ? ` · ${t(`supervisor.trend.${context.moodTrend}`)}` : ''}`]);
  }
  if (context.callSeconds !== undefined) rows.push([t('supervisor.context.duration'), formatDuration(context.callSeconds * 1000)]);
  return (
    <dl className="hand-context">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {context.excerpt && (
        <div>
          <dt>{t('supervisor.context.excerpt')}</dt>
          <dd>
            <pre className="hand-excerpt">{context.excerpt}</pre>
          </dd>
        </div>
      )}
    </dl>
  );
}

export function ChatThread({ hand, canWrite }: { hand: HandView; canWrite: boolean }) {
  const { t } = useTranslation();
  const command = useCommand();
  const [text, setText] = useState('');
  // On screen means read: the other side sees it once.
  useEffect(() => {
    if (hand.unread > 0) void api().invoke('supervisor.markRead', { handId: hand.id }).catch(() => undefined);
  }, [hand.id, hand.unread]);
  return (
    <div className="chat-thread">
      <ol aria-label={t('supervisor.chat.thread')}>
        {hand.messages.map((message) => (
          <li key={message.id} className={message.mine ? 'chat-mine' : 'chat-theirs'}>
            <span className="chat-from">{message.mine ? t('supervisor.chat.me') : message.from}: </span>
            <span className="chat-text">{message.text}</span>
            {message.mine && message.readByOther && <span className="chat-read"> · {t('supervisor.chat.read')}</span>}
          </li>
        ))}
      </ol>
      {canWrite && hand.state !== 'closed' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!text.trim()) return;
            command.run(async () => {
              await api().invoke('supervisor.sendChat', { handId: hand.id, text });
              setText('');
            });
          }}
        >
          <TextField value={text} onChange={setText} maxLength={500}>
            <Label>{t('supervisor.chat.message')}</Label>
            <Input />
          </TextField>
          <Button type="submit">{t('supervisor.chat.send')}</Button>
        </form>
      )}
      {command.error && <p role="alert">{t('error.generic', { message: command.error })}</p>}
    </div>
  );
}
