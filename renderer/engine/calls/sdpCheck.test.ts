import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vetRemoteOffer } from './sdpCheck';

const GOOD = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 40100 UDP/TLS/RTP/SAVPF 0 8 101',
  'a=rtpmap:0 PCMU/8000',
  '',
].join('\r\n');

describe('vetRemoteOffer', () => {
  it('accepts an ordinary audio offer and a late offer', () => {
    assert.equal(vetRemoteOffer(GOOD), undefined);
    assert.equal(vetRemoteOffer(undefined), undefined);
    assert.equal(vetRemoteOffer(''), undefined);
  });

  it('accepts the connection line at media level', () => {
    assert.equal(vetRemoteOffer(GOOD.replace('c=IN IP4 127.0.0.1\r\n', '').replace('a=rtpmap', 'c=IN IP4 127.0.0.1\r\na=rtpmap')), undefined);
  });

  it('refuses garbage, video-only offers, missing connection data and huge bodies', () => {
    assert.equal(vetRemoteOffer('hello there'), 'notSdp');
    assert.equal(vetRemoteOffer(GOOD.replace('s=-', 's=-\r\n<<not an sdp line>>')), 'notSdp');
    assert.equal(vetRemoteOffer(GOOD.replace('m=audio', 'm=video')), 'noAudio');
    assert.equal(vetRemoteOffer(GOOD.replace('m=audio 40100', 'm=audio 0')), 'noAudio');
    assert.equal(vetRemoteOffer(GOOD.replace('c=IN IP4 127.0.0.1\r\n', '')), 'noConnection');
    assert.equal(vetRemoteOffer(GOOD + 'a=x:' + 'y'.repeat(40_000)), 'tooLarge');
  });
});
