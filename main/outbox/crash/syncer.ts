// Crash-test syncer: the real SyncWorker on the shared database, with short backoff so a run takes
// seconds. Killed with SIGKILL at random; with --until-drained it exits 0 once nothing is left to send.
//   HEARTHLINE_DB_KEY=<hex> node --import tsx main/outbox/crash/syncer.ts --db f --gateway http://127.0.0.1:8300 --token t
import { parseArgs } from 'node:util';
import { silentLogger } from '../../log/logger';
import { EnvKeyCustody } from '../../store/keyCustody';
import { openEncryptedStore } from '../../store/store';
import { systemScheduler } from '../../time/scheduler';
import { GatewayClient } from '../../gateway/gatewayClient';
import { OutboxRepository } from '../outboxRepository';
import { SyncWorker } from '../syncWorker';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    gateway: { type: 'string' },
    token: { type: 'string' },
    'until-drained': { type: 'boolean', default: false },
  },
});

const store = openEncryptedStore({ file: args.db!, key: new EnvKeyCustody().obtainKey(), log: silentLogger() });
const repo = new OutboxRepository(store.db, () => systemScheduler.now());
const worker = new SyncWorker({
  repo,
  client: new GatewayClient({ baseUrl: args.gateway!, token: args.token!, timeoutMs: 5_000 }),
  scheduler: systemScheduler,
  log: silentLogger(),
  policy: { baseMs: 5, capMs: 100 },
  concurrency: 4,
  pollIntervalMs: 20,
});
worker.start();
process.stdout.write('ready\n');
setInterval(() => {
  if (!args['until-drained']) return;
  const counts = repo.counts();
  if (counts.pending === 0) {
    void worker.stop().then(() => {
      store.close();
      process.exit(counts.parked === 0 ? 0 : 3);
    });
  }
}, 50);
