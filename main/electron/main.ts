// The Electron entry point: the only main-process file that imports the electron module itself; it hands
// it to the glue (glue.ts), which the contract test runs against a fake.
import * as electron from 'electron';
import path from 'node:path';
import { runElectronApp } from './glue';

runElectronApp(electron, { distDir: path.join(__dirname, '..') }).catch((error: unknown) => {
  console.error('Hearthline failed to start', error);
  electron.app.exit(1);
});
