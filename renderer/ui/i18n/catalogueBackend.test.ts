import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import i18next, { type ReadCallback } from 'i18next';
import { catalogueBackend } from './catalogueBackend';

function read(load: (path: string) => Promise<unknown>, language: string): Promise<Parameters<ReadCallback>> {
  return new Promise((resolve) => catalogueBackend(load).read(language, 'translation', (...args) => resolve(args)));
}

describe('catalogueBackend', () => {
  it("fetches a language's file beside the page, and nothing for English or a bare 'zh'", async () => {
    const asked: string[] = [];
    const load = (path: string) => {
      asked.push(path);
      return Promise.resolve({ app: { language: '语言' } });
    };
    assert.deepEqual(await read(load, 'zh-Hans'), [null, { app: { language: '语言' } }]);
    assert.deepEqual(await read(load, 'zh'), [null, {}]);
    assert.deepEqual(await read(load, 'en'), [null, {}]);
    assert.deepEqual(asked, ['./i18n/zh-Hans.json']);
  });

  it('says a failed fetch may be tried again', async () => {
    const [error, retry] = await read(() => Promise.reject(new Error('HTTP 503')), 'zh-Hant');
    assert.match(String(error), /HTTP 503/);
    assert.equal(retry, true);
  });

  it('switches i18next only once the catalogue is in: no keys and no English in between', async () => {
    let deliver: (catalogue: unknown) => void = () => undefined;
    const load = () => new Promise<unknown>((resolve) => (deliver = resolve));
    const i18n = i18next.createInstance();
    await i18n.use(catalogueBackend(load)).init({ lng: 'en', fallbackLng: 'en', resources: { en: { translation: { ready: 'Ready' } } }, partialBundledLanguages: true });
    const switched = i18n.changeLanguage('zh-Hans');
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(i18n.language, 'en', 'still English while the catalogue loads');
    assert.equal(i18n.t('ready'), 'Ready');
    deliver({ ready: '就绪' });
    await switched;
    assert.equal(i18n.language, 'zh-Hans');
    assert.equal(i18n.t('ready'), '就绪');
  });
});
