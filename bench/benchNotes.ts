// The wrap-up note the store benchmarks queue (bench/store.bench.ts, bench/eventLoop.bench.ts): note i of
// a run, for one of 500 customers, as the outbox stores it.
import { randomUUID } from 'node:crypto';
import type { GatewayNote } from '../common/contract/gateway';
import type { NewOutboxRecord } from '../main/outbox/outboxRepository';

export function benchNote(i: number): NewOutboxRecord & { kind: 'note' } {
  const customerNumber = `+4420${String(i % 500).padStart(6, '0')}`;
  const note: GatewayNote = {
    id: randomUUID(),
    callId: `bench-${i}`,
    customerNumber,
    disposition: 'resolved',
    notes: `Customer called about order ${100000 + i}; explained the delivery window and confirmed the address.`,
    tags: ['delivery'],
    firstContactResolved: true,
    callbackRequested: false,
    createdAt: new Date().toISOString(),
  };
  return { id: note.id, kind: 'note', customerKey: `tel:${customerNumber}`, payload: JSON.stringify(note) };
}
