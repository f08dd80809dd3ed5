// Electron glue for the OS-wide answer / hang-up keys: registers what main/desk/globalShortcuts.ts
// planned, and re-plans when policy changes. Nothing is decided here.
import type { Call } from '../../common/contract/model';
import { globalShortcutTarget, planGlobalShortcuts, type GlobalShortcutAction, type GlobalShortcutInput } from '../desk/globalShortcuts';
import type { Logger } from '../log/logger';
import type { ElectronApi } from './electronApi';

export interface GlobalCallKeysDeps {
  globalShortcut: ElectronApi['globalShortcut'];
  calls: () => readonly Call[];
  act: (action: GlobalShortcutAction, callId: string) => void;
  log: Logger;
}

export class GlobalCallKeys {
  private registered: string[] = [];

  constructor(private readonly deps: GlobalCallKeysDeps) {}

  apply(input: GlobalShortcutInput): void {
    this.clear();
    const plan = planGlobalShortcuts(input);
    for (const problem of plan.problems) this.deps.log.warn({ problem }, 'global shortcut not registered');
    for (const { action, accelerator } of plan.register) {
      const ok = this.deps.globalShortcut.register(accelerator, () => {
        const callId = globalShortcutTarget(action, this.deps.calls());
        if (callId) this.deps.act(action, callId);
      });
      // Another app may own the key already: the in-window keys still work.
      if (ok) this.registered.push(accelerator);
      else this.deps.log.warn({ accelerator, action }, 'global shortcut taken by another app');
    }
  }

  clear(): void {
    for (const accelerator of this.registered) this.deps.globalShortcut.unregister(accelerator);
    this.registered = [];
  }
}
