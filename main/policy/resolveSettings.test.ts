import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveSettings } from './resolveSettings';

describe('settings precedence', () => {
  const defaults = { updateMode: 'auto', wrapUpSeconds: 30, autoAnswer: false, asrProvider: 'local' } as const;

  it('policy beats the agent, the agent beats the defaults', () => {
    const { values, sources } = resolveSettings(defaults, { wrapUpSeconds: 10, autoAnswer: true }, { wrapUpSeconds: 60 });
    assert.equal(values.wrapUpSeconds, 60);
    assert.equal(sources.wrapUpSeconds, 'policy');
    assert.equal(values.autoAnswer, true);
    assert.equal(sources.autoAnswer, 'user');
    assert.equal(values.updateMode, 'auto');
    assert.equal(sources.updateMode, 'default');
  });

  it('locks exactly the keys policy sets, including a policy value equal to the default', () => {
    const { locked } = resolveSettings(defaults, {}, { updateMode: 'auto', autoAnswer: false });
    assert.deepEqual([...locked].sort(), ['autoAnswer', 'updateMode']);
  });

  it('a policy "false" or 0 still wins over the agent’s true or 30', () => {
    const { values } = resolveSettings(defaults, { autoAnswer: true, wrapUpSeconds: 30 }, { autoAnswer: false, wrapUpSeconds: 0 });
    assert.equal(values.autoAnswer, false);
    assert.equal(values.wrapUpSeconds, 0);
  });
});
