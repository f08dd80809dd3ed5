// Electron glue for AgentAlerts: an OS notification per ringing call (click brings the app forward),
// the taskbar/dock flash, the tray tooltip, and the badge count (ringing + missed calls).
import type { BrowserWindow, Notification, Tray } from 'electron';
import type { AppLanguage } from '../../common/i18n/language';
import { mainText } from '../../common/i18n/mainStrings';
import type { Presence } from '../../common/contract/model';
import type { AgentAlerts, AlertState } from '../calls/agentAlerts';
import type { ElectronApi } from './electronApi';

export class ElectronAgentAlerts implements AgentAlerts {
  private window: BrowserWindow | undefined;
  private tray: Tray | undefined;
  private readonly shown = new Map<string, Notification>();
  private last: AlertState = { ringing: [], missedCalls: 0 };
  private presence: Presence | undefined;

  constructor(
    private readonly electron: Pick<ElectronApi, 'app' | 'Notification'>,
    /** The language the UI shows (main/appearance), so the OS sees the same words as the window. */
    private readonly language: () => AppLanguage = () => 'en',
  ) {}

  /** The window and tray exist only after the app is ready; alerts before that are applied on attach. */
  attach(window: BrowserWindow, tray: Tray): void {
    this.window = window;
    this.tray = tray;
    this.update(this.last);
  }

  /** The agent's headline state for the tray tooltip when nothing is ringing. */
  setPresence(presence: Presence): void {
    if (presence === this.presence) return;
    this.presence = presence;
    this.updateTooltip();
  }

  update(state: AlertState): void {
    this.last = state;
    const ringing = new Set(state.ringing.map((alert) => alert.callId));
    for (const alert of state.ringing) {
      if (this.shown.has(alert.callId) || !this.electron.Notification.isSupported()) continue;
      const notification = new this.electron.Notification({
        title: mainText(this.language(), alert.waiting ? 'callWaiting' : 'incomingCall'),
        body: alert.from,
        urgency: 'critical',
        timeoutType: 'never',
        silent: true, // the engine plays the ringtone
      });
      notification.on('click', () => this.bringForward());
      notification.show();
      this.shown.set(alert.callId, notification);
    }
    for (const [callId, notification] of this.shown) {
      if (ringing.has(callId)) continue;
      notification.close();
      this.shown.delete(callId);
    }
    const window = this.window;
    if (window && !window.isDestroyed()) window.flashFrame(state.ringing.length > 0 && !window.isFocused());
    this.updateTooltip();
    this.electron.app.setBadgeCount(state.ringing.length + state.missedCalls);
  }

  private updateTooltip(): void {
    const language = this.language();
    const first = this.last.ringing[0];
    const presence = this.presence ? mainText(language, `presence.${this.presence}`) : '';
    const missed = this.last.missedCalls;
    this.tray?.setToolTip(
      first
        ? mainText(language, 'trayRinging', { caller: first.from })
        : mainText(language, missed > 0 ? 'trayIdleMissed' : 'trayIdle', { presence, count: missed }),
    );
  }

  private bringForward(): void {
    const window = this.window;
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
}
