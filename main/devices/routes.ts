// Binds the devices channels to DevicesService. Payloads arrive validated by the router.
import type { IpcRouter } from '../ipc/router';
import type { DevicesService } from './devicesService';

export function registerDevicesChannels(router: IpcRouter, devices: DevicesService): void {
  router.handle('engine', 'devices.hello', () => devices.hello());
  router.handle('engine', 'devices.report', (report) => (devices.report(report), {}));
  router.handle('ui', 'devices.view', () => devices.current());
  router.handle('ui', 'devices.choose', ({ role, choice }) => (devices.choose(role, choice), {}));
  router.handle('ui', 'devices.processing', (processing) => (devices.setProcessing(processing), {}));
  router.handle('ui', 'devices.testTone', ({ role }) => (devices.testTone(role), {}));
  router.handle('ui', 'devices.meter', ({ on }) => (devices.meter(on), {}));
  router.handle('ui', 'devices.exportHeadsetInfo', () => devices.exportHeadsetInfo());
}
