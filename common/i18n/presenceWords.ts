// The agent's status words, one source for both sides: the UI catalogue (renderer/ui/i18n/en.ts, zh.ts)
// and what main shows outside the window (common/i18n/mainStrings.ts: tray tooltip). The Traditional
// Chinese words are what `npm run i18n:zh-hant` makes of the Simplified ones (scripts/i18n/zhHant.ts;
// scripts/i18n/presenceWords.test.ts fails when the two drift apart).
import type { AppLanguage } from './language';
import type { Presence } from '../contract/model';

export type PresenceWords = Readonly<Record<Presence, string>>;

export const PRESENCE_WORDS = {
  en: {
    starting: 'Starting…',
    registering: 'Registering…',
    ready: 'Ready',
    notReady: 'Not Ready',
    ringing: 'Ringing',
    onCall: 'On call',
    wrapUp: 'Wrap-up',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
  },
  'zh-Hans': {
    starting: '正在启动…',
    registering: '正在注册…',
    ready: '就绪',
    notReady: '未就绪',
    ringing: '来电振铃',
    onCall: '通话中',
    wrapUp: '话后处理',
    reconnecting: '正在重新连接…',
    offline: '离线',
  },
  'zh-Hant': {
    starting: '正在啟動…',
    registering: '正在註冊…',
    ready: '就緒',
    notReady: '未就緒',
    ringing: '來電振鈴',
    onCall: '通話中',
    wrapUp: '話後處理',
    reconnecting: '正在重新連線…',
    offline: '離線',
  },
} as const satisfies Record<AppLanguage, PresenceWords>;
