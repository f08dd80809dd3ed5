// Words the main process shows outside the UI window (OS notifications, the tray tooltip, the quit
// warning), in the three app languages. Main words them in the language the UI reports it is showing
// (common/contract/appearance.ts), so the agent never sees the two disagree.
import type { AppLanguage } from './language';
import { PRESENCE_WORDS } from './presenceWords';

const en = {
  appName: 'Hearthline',
  incomingCall: 'Incoming call',
  callWaiting: 'Call waiting',
  trayRinging: 'Hearthline — incoming call from {{caller}}',
  trayIdle: 'Hearthline — {{presence}}',
  trayIdleMissed: 'Hearthline — {{presence}} · {{count}} missed',
  quitUnsyncedOne: '1 note has not reached the CRM yet. It is safe on this computer and will be sent when you next open Hearthline.',
  quitUnsyncedOther: '{{count}} notes have not reached the CRM yet. They are safe on this computer and will be sent when you next open Hearthline.',
  presence: PRESENCE_WORDS.en,
};

export type MainStrings = typeof en;
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

const zhHans: Widen<MainStrings> = {
  appName: 'Hearthline',
  incomingCall: '来电',
  callWaiting: '呼叫等待',
  trayRinging: 'Hearthline — 来自 {{caller}} 的来电',
  trayIdle: 'Hearthline — {{presence}}',
  trayIdleMissed: 'Hearthline — {{presence}} · {{count}} 个未接来电',
  quitUnsyncedOne: '1 条笔记尚未同步到 CRM。它已安全保存在本机，下次打开 Hearthline 时会自动发送。',
  quitUnsyncedOther: '{{count}} 条笔记尚未同步到 CRM。它们已安全保存在本机，下次打开 Hearthline 时会自动发送。',
  presence: PRESENCE_WORDS['zh-Hans'],
};

const zhHant: Widen<MainStrings> = {
  appName: 'Hearthline',
  incomingCall: '來電',
  callWaiting: '呼叫等待',
  trayRinging: 'Hearthline — 來自 {{caller}} 的來電',
  trayIdle: 'Hearthline — {{presence}}',
  trayIdleMissed: 'Hearthline — {{presence}} · {{count}} 個未接來電',
  quitUnsyncedOne: '1 條筆記尚未同步到 CRM。它已安全儲存在本機，下次開啟 Hearthline 時會自動傳送。',
  quitUnsyncedOther: '{{count}} 條筆記尚未同步到 CRM。它們已安全儲存在本機，下次開啟 Hearthline 時會自動傳送。',
  presence: PRESENCE_WORDS['zh-Hant'],
};

export const MAIN_STRINGS: Readonly<Record<AppLanguage, Widen<MainStrings>>> = { en, 'zh-Hans': zhHans, 'zh-Hant': zhHant };

type Leaf<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaf<T[K], `${P}${K}.`> }[keyof T & string];
export type MainStringKey = Leaf<MainStrings>;

/** The words for `key` in `language`, with {{name}} placeholders filled from `values`. */
export function mainText(language: AppLanguage, key: MainStringKey, values: Readonly<Record<string, string | number>> = {}): string {
  let node: unknown = MAIN_STRINGS[language];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  return String(node).replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
