import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CustomerByPhoneResponseSchema, TimelineResponseSchema } from '../common/contract/context';
import { generateDemoCustomers } from './demoData';

const NOW = Date.parse('2025-03-12T10:32:00Z');

describe('demo customers', () => {
  it('are deterministic, honour the contract, and map the stack numbers as documented', () => {
    const demo = generateDemoCustomers(NOW);
    assert.equal(demo.length, 300);
    assert.deepEqual(generateDemoCustomers(NOW), demo);
    assert.equal(CustomerByPhoneResponseSchema.safeParse({ customers: demo.slice(0, 20).map((r) => r.customer) }).success, true);
    for (const record of demo) assert.equal(TimelineResponseSchema.safeParse({ entries: record.timeline }).success, true, record.customer.id);
    assert.deepEqual(demo.filter((r) => r.customer.phones.some((p) => p.number === '1002')).map((r) => r.customer.name), ['Margaret Chen']);
    assert.equal(demo.filter((r) => r.customer.phones.some((p) => p.number === '1004')).length, 0);
    assert.equal(demo.filter((r) => r.customer.phones.some((p) => p.number === '+441632960100')).length, 2);
    const numbers = demo.flatMap((r) => r.customer.phones.map((p) => p.number)).filter((n) => n !== '+441632960100');
    assert.equal(new Set(numbers).size, numbers.length, 'no other shared numbers');
  });
});
