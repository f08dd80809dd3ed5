import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WebSocketServer } from 'ws';
import { RemoteStreamingTranscriber } from './remoteStreaming';
import { SherpaOnnxTranscriber } from './sherpaOnnx';
import type { TranscriptResult } from './transcriber';

describe('sherpa-onnx transcriber', () => {
  it('says clearly that no model is installed, and its stream stays harmless', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hl-sherpa-'));
    const transcriber = new SherpaOnnxTranscriber({ modelDir: dir });
    const status = await transcriber.status();
    assert.equal(status.state, 'unavailable');
    assert.match(status.message ?? '', new RegExp(`No speech model is installed for sherpa-onnx in ${dir}`));
    assert.match(status.message ?? '', /encoder\*\.onnx, decoder\*\.onnx, joiner\*\.onnx, tokens\.txt/);
    const errors: Error[] = [];
    const stream = transcriber.open({ onResult: () => assert.fail('no results without a model'), onError: (error) => errors.push(error) });
    stream.write(new Int16Array(1600));
    stream.endUtterance();
    await stream.close();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(errors.length, 1);
  });
});

describe('remote streaming transcriber', () => {
  it('streams PCM to the service and turns its messages into partial and final results', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    const received = { bytes: 0, start: undefined as unknown, auth: '' };
    server.on('connection', (socket, request) => {
      received.auth = request.headers.authorization ?? '';
      socket.on('message', (data, isBinary) => {
        if (isBinary) {
          received.bytes += (data as Buffer).length;
          socket.send(JSON.stringify({ type: 'partial', text: 'i want a' }));
          return;
        }
        const message = JSON.parse(String(data));
        if (message.type === 'start') received.start = message;
        if (message.type === 'endUtterance') socket.send(JSON.stringify({ type: 'final', text: 'i want a refund' }));
      });
    });
    const { port } = server.address() as AddressInfo;
    const transcriber = new RemoteStreamingTranscriber({ url: `ws://127.0.0.1:${port}/asr`, token: 'secret-token' });
    assert.equal((await transcriber.status()).state, 'ready');
    const results: TranscriptResult[] = [];
    const final = new Promise<void>((resolve) => {
      const stream = transcriber.open({
        onResult: (result) => {
          results.push(result);
          if (result.kind === 'final') {
            void stream.close().then(resolve);
          }
        },
        onError: (error) => assert.fail(error),
      });
      stream.write(new Int16Array(1600));
      stream.write(new Int16Array(1600));
      stream.endUtterance();
    });
    await final;
    server.close();
    assert.equal(received.bytes, 6400);
    assert.deepEqual(received.start, { type: 'start', sampleRate: 16000, encoding: 'pcm_s16le', language: 'en' });
    assert.equal(received.auth, 'Bearer secret-token');
    assert.deepEqual(results.at(-1), { kind: 'final', text: 'i want a refund' });
    assert.ok(results.some((result) => result.kind === 'partial'));
  });

  it('refuses a plain ws:// service that is not on this computer', async () => {
    const status = await new RemoteStreamingTranscriber({ url: 'ws://asr.example.com/stream' }).status();
    assert.equal(status.state, 'unavailable');
  });
});
