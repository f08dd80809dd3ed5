import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallState } from '../../../common/contract/model';
import { selectCalls } from '../snapshotSlices';
import { useSnapshotPart } from '../useHearthline';
import { callAnnouncements, callStates } from './callAnnouncements';

/** A polite live region that says when a call rings, connects or ends (visually hidden). */
export function CallAnnouncer() {
  const { t } = useTranslation();
  const calls = useSnapshotPart(selectCalls);
  const previous = useRef<Map<string, CallState> | undefined>(undefined);
  const [message, setMessage] = useState('');
  useEffect(() => {
    const news = callAnnouncements(previous.current, calls, t('call.withheld'));
    previous.current = callStates(calls);
    if (news.length > 0) setMessage(news.map((item) => t(`call.announce.${item.state}`, { caller: item.caller })).join('. '));
  }, [calls, t]);
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-label={t('call.announcer')} data-testid="call-announcer">
      {message}
    </div>
  );
}
