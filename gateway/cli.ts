// Runs the reference gateway:
//   node --import tsx gateway/cli.ts --port 8300 --db gateway.db --token <token> [--synchronous full|normal]
// Fault injection for tests: --drop-after-commit 10 (percent), --reject-marker POISON, --reject-note-id <uuid>,
// --seed 42 (repeatable drop decisions). Provisioning: --account-credential 1001=<token> (repeatable) gives that
// account its own credential for the supervisor paths (docs/supervisor.md, "Credentials"). Prints one JSON line {"event":"ready",...} when listening.
import { parseArgs } from 'node:util';
import { IDEMPOTENCY_KEY_RETENTION_MS } from '../common/contract/gateway';
import { startGateway } from './server';
import { mulberry32 } from './demoData';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '8300' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string' },
    token: { type: 'string' },
    'drop-after-commit': { type: 'string', default: '0' },
    'reject-marker': { type: 'string' },
    'reject-note-id': { type: 'string', multiple: true },
    seed: { type: 'string' },
    'account-credential': { type: 'string', multiple: true },
    /** full (default) or normal: SQLite durability of the gateway's own database. */
    synchronous: { type: 'string', default: 'full' },
  },
});


async function main(): Promise<void> {
  const token = args.token ?? process.env.HEARTHLINE_GATEWAY_TOKEN;
  if (!args.db || !token) {
    process.stderr.write('usage: gateway/cli.ts --db <file> --token <token> [--port 8300] [--drop-after-commit <percent>] [--reject-marker <text>]\n');
    process.exit(2);
  }
  const gateway = await startGateway({
    dbFile: args.db,
    synchronous: args.synchronous === 'normal' ? 'normal' : 'full',
    token,
    port: Number(args.port),
    host: args.host,
    faults: {
      dropAfterCommitPercent: Number(args['drop-after-commit']),
      rejectMarker: args['reject-marker'],
      rejectNoteIds: args['reject-note-id'],
      // Seeded, so a failing fault-injection run can be replayed.
      random: args.seed ? mulberry32(Number(args.seed)) : undefined,
    },
    onError: (error) => process.stderr.write(`gateway error: ${(error as Error).stack ?? String(error)}\n`),
  });
  for (const pair of args['account-credential'] ?? []) {
    const sipUser = pair.slice(0, Math.max(0, pair.indexOf('=')));
    const credential = pair.slice(sipUser.length + 1);
    if (!sipUser || !credential) throw new Error(`--account-credential ${pair}: expected <sip user>=<token>`);
    gateway.supervisor.setCredential(sipUser, credential);
  }
  // Idempotency keys are kept 8 days: longer than the app's outbox retries (7 days, main/outbox/retryPolicy.ts).
  const prune = () => gateway.db.pruneIdempotencyKeys(new Date(Date.now() - IDEMPOTENCY_KEY_RETENTION_MS));
  prune();
  setInterval(prune, 3600_000).unref();
  process.stdout.write(`${JSON.stringify({ event: 'ready', url: gateway.url, port: gateway.port, pid: process.pid })}\n`);
  const stop = () => {
    process.stderr.write(`gateway stopping: ${JSON.stringify(gateway.counters)}\n`);
    void gateway.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
