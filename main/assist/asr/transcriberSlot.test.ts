import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OffTranscriber, type Transcriber } from './transcriber';
import { TranscriberSlot } from './transcriberSlot';

class CountingTranscriber extends OffTranscriber {
  static alive = 0;
  disposed = 0;
  constructor() {
    super();
    CountingTranscriber.alive += 1;
  }
  dispose(): void {
    this.disposed += 1;
    CountingTranscriber.alive -= 1;
  }
}

describe('TranscriberSlot', () => {
  it('a shift of token rotations keeps one recogniser; each replaced one is released once', () => {
    const slot = new TranscriberSlot();
    const made: CountingTranscriber[] = [];
    const choose = (token: string) => ({ key: `cloud wss://asr.example.com ${token}`, create: () => (made.push(new CountingTranscriber()), made.at(-1)!) });
    let latest: Transcriber | undefined;
    for (let rotation = 0; rotation < 50; rotation += 1) {
      latest = slot.get(choose(`token-${rotation}`));
      assert.equal(slot.get(choose(`token-${rotation}`)), latest, 'the same policy reuses it');
    }
    assert.equal(made.length, 50);
    assert.equal(CountingTranscriber.alive, 1);
    assert.deepEqual(made.slice(0, -1).map((t) => t.disposed), Array(49).fill(1));
    slot.dispose();
    assert.equal(CountingTranscriber.alive, 0);
  });
});
