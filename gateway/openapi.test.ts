import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { load } from 'js-yaml';

// Integrators generate clients from this file: it has to be YAML a parser accepts, every operation
// with its answers described.
test('the gateway OpenAPI description parses and every operation lists its responses', () => {
  const text = readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8');
  const document = load(text) as { openapi?: string; paths?: Record<string, Record<string, { responses?: object }>> };
  assert.match(document.openapi ?? '', /^3\./);
  const paths = Object.entries(document.paths ?? {});
  assert.ok(paths.length > 20, `only ${paths.length} paths described`);
  for (const [path, operations] of paths) {
    for (const [method, operation] of Object.entries(operations)) {
      if (method === 'parameters') continue;
      assert.ok(operation.responses && Object.keys(operation.responses).length > 0, `${method.toUpperCase()} ${path} has no responses`);
    }
  }
});
