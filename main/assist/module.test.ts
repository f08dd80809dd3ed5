// Policy decides which recogniser and summariser assist uses: IT's asrProvider, asrServiceUrl/Token and
// summaryService* keys, parsed as the policy sources parse them.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { WebSocketServer } from 'ws';
import { PolicySchema, SECRET_POLICY_KEYS } from '../../common/contract/policy';
import { silentLogger } from '../log/logger';
import { assistOptionsFromEnv, chooseSummary, chooseTranscriber } from './module';

describe('assist providers chosen by policy', () => {
  it('off, local and cloud pick the matching recogniser; cloud without a service URL says to ask IT', async () => {
    assert.equal(chooseTranscriber(PolicySchema.parse({ asrProvider: 'off' }), {}).create().provider, 'off');
    assert.equal(chooseTranscriber(PolicySchema.parse({ asrProvider: 'local' }), {}).create().provider, 'pocketsphinx');
    assert.equal(chooseTranscriber({}, { localEngine: 'sherpa-onnx' }).create().provider, 'sherpa-onnx');
    const unconfigured = await chooseTranscriber(PolicySchema.parse({ asrProvider: 'cloud' }), {}).create().status();
    assert.equal(unconfigured.state, 'unavailable');
    assert.match(unconfigured.message ?? '', /ask IT/);
  });

  it('cloud streams to the policy’s service URL with the policy’s token', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    const seen = new Promise<{ path: string; auth: string }>((resolve) => server.once('connection', (_socket, request) => resolve({ path: request.url ?? '', auth: request.headers.authorization ?? '' })));
    const { port } = server.address() as AddressInfo;
    const policy = PolicySchema.parse({ asrProvider: 'cloud', asrServiceUrl: `ws://127.0.0.1:${port}/asr`, asrServiceToken: 'policy-asr-token' });
    const choice = chooseTranscriber(policy, {});
    const transcriber = choice.create();
    assert.equal(transcriber.provider, 'remote');
    assert.equal((await transcriber.status()).state, 'ready');
    const stream = transcriber.open({ onResult: () => undefined, onError: () => undefined });
    stream.write(new Int16Array(160));
    assert.deepEqual(await seen, { path: '/asr', auth: 'Bearer policy-asr-token' });
    await stream.close();
    server.close();

    // Another URL from policy is another recogniser (not the cached one).
    assert.notEqual(chooseTranscriber({ ...policy, asrServiceUrl: 'wss://asr.example.com/v2' }, {}).key, choice.key);
    // A developer's environment override still wins, for local testing.
    const override = assistOptionsFromEnv({ HEARTHLINE_ASR_URL: 'ws://127.0.0.1:9/dev' });
    assert.notEqual(chooseTranscriber(policy, override).key, choice.key);
  });

  it('policy accepts only a secure transcription service, and its tokens are secrets', () => {
    assert.equal(PolicySchema.safeParse({ asrServiceUrl: 'ws://asr.example.com/stream' }).success, false);
    assert.equal(PolicySchema.safeParse({ asrServiceUrl: 'https://asr.example.com/stream' }).success, false);
    assert.equal(PolicySchema.safeParse({ asrServiceUrl: 'wss://asr.example.com/stream' }).success, true);
    assert.equal(PolicySchema.safeParse({ summaryServiceUrl: 'http://llm.example.com/v1' }).success, false);
    assert.ok(SECRET_POLICY_KEYS.has('asrServiceToken') && SECRET_POLICY_KEYS.has('summaryServiceToken'));
  });

  it('a summary service is used only when policy names both its URL and a model', () => {
    const log = silentLogger();
    assert.equal(chooseSummary({}, log), undefined);
    assert.equal(chooseSummary({ summaryServiceUrl: 'https://llm.example.com/v1' }, log), undefined);
    assert.equal(chooseSummary({ summaryServiceUrl: 'https://llm.example.com/v1', summaryServiceModel: 'm' }, log)?.name, 'openai-compatible');
  });
});
