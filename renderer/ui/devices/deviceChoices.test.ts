import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AudioDevice } from '../../../common/contract/devices';
import { choiceKey, deviceOptions, fallbackNote } from './deviceChoices';

const devices: AudioDevice[] = [
  { deviceId: 'default', kind: 'audiooutput', label: 'Default - Jabra Evolve 40', groupId: 'g1' },
  { deviceId: 'spk-jabra', kind: 'audiooutput', label: 'Jabra Evolve 40', groupId: 'g1' },
  { deviceId: 'spk-laptop', kind: 'audiooutput', label: 'Laptop Speakers', groupId: 'g2' },
  { deviceId: 'mic-jabra', kind: 'audioinput', label: 'Jabra Evolve 40', groupId: 'g1' },
];

describe('device pickers', () => {
  it('offers the two follow options and each real device once (no virtual duplicates, no other kind)', () => {
    const options = deviceOptions(devices, 'audiooutput', { mode: 'follow', target: 'default' });
    assert.deepEqual(
      options.map((option) => option.key),
      ['follow:communications', 'follow:default', 'device:spk-jabra', 'device:spk-laptop'],
    );
  });

  it('keeps an unplugged preferred device visible and selected', () => {
    const choice = { mode: 'device' as const, deviceId: 'spk-gone', label: 'Poly Blackwire 3220', groupId: 'g9' };
    const options = deviceOptions(devices, 'audiooutput', choice);
    const last = options.at(-1);
    assert.equal(last?.key, choiceKey(choice));
    assert.equal(last?.labelKey, 'devices.unplugged');
  });

  it('explains a fallback in the agent’s terms', () => {
    const choice = { mode: 'device' as const, deviceId: 'mic-bw', label: 'Poly Blackwire 3220', groupId: 'g9' };
    assert.deepEqual(fallbackNote(choice, { deviceId: 'communications', label: 'Communications - Laptop Mic', groupId: 'g2', fallback: true }), {
      using: 'Laptop Mic',
      missing: 'Poly Blackwire 3220',
    });
    assert.equal(fallbackNote(choice, { deviceId: 'mic-bw', label: 'Poly Blackwire 3220', groupId: 'g9', fallback: false }), undefined);
  });
});
