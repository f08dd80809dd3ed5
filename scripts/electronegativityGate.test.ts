import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gate, type Finding } from './electronegativityGate';

const finding = (id: string, severity: string, file = 'main/electron/glue.ts'): Finding => ({ id, severity, confidence: 'FIRM', file, line: 1, description: '' });
const because = 'webPreferences come from securePreferences(); glue.contract.test.ts asserts them';

describe('Electronegativity gate', () => {
  it('fails on a HIGH or MEDIUM finding nobody explained, ignores LOW and INFORMATIONAL', () => {
    const result = gate([finding('CONTEXT_ISOLATION_JS_CHECK', 'HIGH'), finding('AUXCLICK_JS_CHECK', 'MEDIUM'), finding('CSP_GLOBAL_CHECK', 'LOW'), finding('X', 'INFORMATIONAL')], []);
    assert.deepEqual(result.unexplained.map((f) => f.id), ['CONTEXT_ISOLATION_JS_CHECK', 'AUXCLICK_JS_CHECK']);
  });

  it('passes a finding explained for that check in that file only', () => {
    const allow = [{ id: 'CONTEXT_ISOLATION_JS_CHECK', file: 'main/electron/glue.ts', reason: because }];
    assert.deepEqual(gate([finding('CONTEXT_ISOLATION_JS_CHECK', 'HIGH')], allow).unexplained, []);
    assert.equal(gate([finding('CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'main/electron/other.ts')], allow).unexplained.length, 1);
  });

  it('reports allow-list entries that match nothing, and entries without a real reason', () => {
    const result = gate([], [{ id: 'SANDBOX_JS_CHECK', file: 'main/electron/glue.ts', reason: 'ok' }]);
    assert.equal(result.stale.length, 1);
    assert.equal(result.invalid.length, 1);
  });
});
