// Crash-test writer: plays an agent finishing wrap-ups as fast as it can, through the real WrapUpService.
// After each submit commits, it appends "<index> <noteId>" to the ack log: an acked note must never be
// lost. Killed with SIGKILL at random; on restart it carries on from the last ack (re-submitting the
// unacked one returns the note that may already be queued, so nothing is doubled).
//   HEARTHLINE_DB_KEY=<hex> node --import tsx main/outbox/crash/writer.ts --db f --ack f --count 1000 --customers 50
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { emptyDraft } from '../../../common/contract/wrapup';
import { ServiceError } from '../../ipc/errors';
import { silentLogger } from '../../log/logger';
import { EnvKeyCustody } from '../../store/keyCustody';
import { openEncryptedStore } from '../../store/store';
import { DispositionCatalog } from '../../wrapup/dispositionCatalog';
import { DraftRepository } from '../../wrapup/draftRepository';
import { ReminderRepository } from '../../wrapup/reminderRepository';
import { WrapUpService } from '../../wrapup/wrapUpService';
import { OutboxModule } from '../module';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    ack: { type: 'string' },
    count: { type: 'string', default: '1000' },
    customers: { type: 'string', default: '50' },
    'pace-ms': { type: 'string', default: '0' },
  },
});

const count = Number(args.count);
const customers = Number(args.customers);
const paceMs = Number(args['pace-ms']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function ackedUpTo(file: string): number {
  if (!existsSync(file)) return -1;
  let highest = -1;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^(\d+) [0-9a-f-]{36}$/.exec(line);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

async function main(): Promise<void> {
  const store = openEncryptedStore({ file: args.db!, key: new EnvKeyCustody().obtainKey(), log: silentLogger() });
  const now = () => Date.now();
  const outbox = new OutboxModule({ db: store.db, client: undefined, scheduler: { now, setTimer: () => () => undefined }, log: silentLogger(), normaliseNumber: (number) => number });
  const service = new WrapUpService({
    db: store.db,
    outbox,
    drafts: new DraftRepository(store.db),
    reminders: new ReminderRepository(store.db),
    dispositions: new DispositionCatalog(store.db, now),
    now,
    // Durability harness: its notes are generated and hold nothing sensitive; no redaction to load per restart.
    redactNotes: (text) => ({ text, kinds: [] }),
  });
  const ack = openSync(args.ack!, 'a');
  process.stdout.write('ready\n');
  for (let i = ackedUpTo(args.ack!) + 1; i < count; i += 1) {
    const callId = `crash-${i}`;
    const customer = `+4420700${String(i % customers).padStart(3, '0')}`;
    service.openDraft({ id: callId, remoteNumber: customer, startedAt: now() });
    const draft = { ...emptyDraft(customer), disposition: 'resolved', notes: `Note ${i}: customer ${customer} called about order ${1000 + i}.` };
    try {
      service.saveDraft(callId, { ...draft, notes: draft.notes.slice(0, 10) }); // autosave while "typing"
      service.saveDraft(callId, draft);
    } catch (error) {
      // Killed after the submit committed but before the ack: the draft is already submitted.
      if (!(error instanceof ServiceError && error.code === 'conflict')) throw error;
    }
    const { noteId } = service.submit(callId, draft);
    writeSync(ack, `${i} ${noteId}\n`);
    if (paceMs > 0) await sleep(Math.random() * paceMs);
  }
  closeSync(ack);
  store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`writer failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
