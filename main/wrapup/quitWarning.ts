// The warning shown when the agent quits with notes the gateway does not have yet. Quitting is never
// blocked: the notes are safe in the encrypted store and the next start sends them.

export interface QuitWarning {
  title: string;
  body: string;
}

export function quitWarning(unsynced: number, locale: string): QuitWarning | undefined {
  if (unsynced <= 0) return undefined;
  if (locale.toLowerCase().startsWith('zh')) {
    return { title: 'Hearthline', body: `${unsynced} 条笔记尚未同步到 CRM。它们已安全保存在本机，下次打开 Hearthline 时会自动发送。` };
  }
  const notes = unsynced === 1 ? '1 note has' : `${unsynced} notes have`;
  return { title: 'Hearthline', body: `${notes} not reached the CRM yet. They are safe on this computer and will be sent when you next open Hearthline.` };
}
