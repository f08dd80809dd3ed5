// The parts of the electron module the glue uses. main/electron/main.ts passes the real module; the
// contract test (glue.contract.test.ts) passes a small fake, so the glue runs without Electron or a display.
import type * as Electron from 'electron';

export type ElectronApi = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'globalShortcut' | 'ipcMain' | 'Notification' | 'powerMonitor' | 'safeStorage' | 'Tray' | 'session' | 'protocol' | 'net' | 'shell'
>;
