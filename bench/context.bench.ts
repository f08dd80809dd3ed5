// Customer-context cache benchmark (node --import tsx bench/context.bench.ts): markdown tables, no asserts.
// 100 000 customers in the app's encrypted store (SQLCipher); lookups by phone (warm, and cold after a
// reopen, 20 samples: each reopen runs the store's quick_check) and searches by name / email / order number, p50/p95 over random queries.
// HEARTHLINE_BENCH_CONTEXT_ROWS shrinks it for a quick look.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDemoCustomers, mulberry32 } from '../gateway/demoData';
import { silentLogger } from '../main/log/logger';
import { ContextCacheRepository } from '../main/context/contextCache';
import type { CustomerRecord } from '../main/gateway/customers';
import { openEncryptedStore } from '../main/store/store';

const ROWS = Number(process.env.HEARTHLINE_BENCH_CONTEXT_ROWS ?? 100_000);
const QUERIES = 5_000;
const work = mkdtempSync(path.join(tmpdir(), 'hl-ctx-bench-'));
const file = path.join(work, 'hearthline.db');
const key = randomBytes(32);
const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1))]!;
const ms = (value: number) => `${value.toFixed(3)} ms`;

const template = generateDemoCustomers(Date.now(), 300);
const record = (i: number): CustomerRecord => {
  const base = template[i % template.length]!;
  return {
    ...base,
    customer: {
      ...base.customer,
      id: `b-${i}`,
      name: `${base.customer.name.split(' ')[0]} ${base.customer.name.split(' ')[1]}${i}`,
      phones: [{ number: `+4420${String(70000000 + i)}`, verified: true }],
      emails: [{ address: `user${i}@example.com`, verified: true }],
      orderNumbers: [`HL-${1_000_000 + i}`],
    },
  };
};

let store = openEncryptedStore({ file, key, log: silentLogger() });
let cache = new ContextCacheRepository(store.db);
const fillStart = performance.now();
for (let start = 0; start < ROWS; start += 5000) cache.put(Array.from({ length: Math.min(5000, ROWS - start) }, (_, k) => record(start + k)), Date.now());
const fillMs = performance.now() - fillStart;

const random = mulberry32(7);
const time = (fn: () => unknown) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const phone = () => `+4420${String(70000000 + Math.floor(random() * ROWS))}`;

const cold: number[] = [];
for (let i = 0; i < 20; i += 1) {
  store.close();
  store = openEncryptedStore({ file, key, log: silentLogger() });
  cache = new ContextCacheRepository(store.db);
  const number = phone();
  cold.push(time(() => cache.byPhone(number)));
}
const warm = Array.from({ length: QUERIES }, () => {
  const number = phone();
  return time(() => cache.byPhone(number));
});
const searches: Record<string, number[]> = { 'name prefix ("olivia smith12")': [], 'email ("user4242@")': [], 'order number ("hl-10042")': [] };
const names = ['olivia', 'noah', 'priya', 'mei', 'george'];
for (let i = 0; i < QUERIES; i += 1) {
  const n = Math.floor(random() * ROWS);
  searches['name prefix ("olivia smith12")']!.push(time(() => cache.search(`${names[i % names.length]} ${String(n).slice(0, 2)}`)));
  searches['email ("user4242@")']!.push(time(() => cache.search(`user${n}@`)));
  searches['order number ("hl-10042")']!.push(time(() => cache.search(`hl-${1_000_000 + n}`)));
}

console.log(`\n### Customer-context cache, ${ROWS.toLocaleString('en')} customers, SQLCipher (filled in ${(fillMs / 1000).toFixed(1)} s)\n`);
console.log('| operation | p50 | p95 | samples |');
console.log('|---|---|---|---|');
console.log(`| lookup by phone, cold (first query after reopen) | ${ms(pct(cold, 50))} | ${ms(pct(cold, 95))} | ${cold.length} |`);
console.log(`| lookup by phone, warm | ${ms(pct(warm, 50))} | ${ms(pct(warm, 95))} | ${warm.length} |`);
for (const [label, values] of Object.entries(searches)) console.log(`| search: ${label} | ${ms(pct(values, 50))} | ${ms(pct(values, 95))} | ${values.length} |`);
store.close();
rmSync(work, { recursive: true, force: true });
