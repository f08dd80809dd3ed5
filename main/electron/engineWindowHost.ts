// The call engine under Electron: a hidden window that is never reloaded and never throttled.
import type { BrowserWindow } from 'electron';
import type { EngineHost } from '../calls/engineHost';
import type { ElectronApi } from './electronApi';
import { ENGINE_URL } from './guards';
import { securePreferences } from './security';

export class EngineWindowHost implements EngineHost {
  private window: BrowserWindow | undefined;
  private readonly goneListeners = new Set<(reason: string) => void>();

  constructor(
    private readonly Window: ElectronApi['BrowserWindow'],
    private readonly preload: string,
    private readonly onCreated: (window: BrowserWindow) => void,
  ) {}

  get webContentsId(): number | undefined {
    return this.window?.webContents.id;
  }

  onGone(listener: (reason: string) => void): void {
    this.goneListeners.add(listener);
  }

  async launch(): Promise<void> {
    this.destroy();
    const window = new this.Window({
      show: false,
      // Never throttled, and allowed to play the ringtone before the agent has clicked anything.
      webPreferences: securePreferences(this.preload, { backgroundThrottling: false, autoplayPolicy: 'no-user-gesture-required' }),
    });
    this.window = window;
    const gone = (reason: string) => {
      if (this.window !== window) return;
      this.window = undefined;
      for (const listener of this.goneListeners) listener(reason);
    };
    window.webContents.on('render-process-gone', (_event, details) => gone(`engine renderer gone: ${details.reason}`));
    window.on('closed', () => gone('engine window closed'));
    this.onCreated(window);
    await window.loadURL(ENGINE_URL);
  }

  async dispose(): Promise<void> {
    this.destroy();
  }

  private destroy(): void {
    const window = this.window;
    this.window = undefined;
    if (window && !window.isDestroyed()) window.destroy();
  }
}
