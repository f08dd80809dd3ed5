// The no-hard-coded-words check: the repository passes it, and it catches what it promises to catch.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkRepository, findMainLiterals, findUiLiterals } from './noLiteralStrings';

const ROOT = path.join(import.meta.dirname, '..', '..');
const texts = (findings: { text: string }[]) => findings.map((finding) => finding.text);

describe('no literal UI strings', () => {
  it('finds no hard-coded words in the UI components or in what main shows the OS', () => {
    const findings = checkRepository(ROOT);
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line} ${f.where} "${f.text}"`),
      [],
      'put these words in renderer/ui/i18n (UI) or common/i18n/mainStrings.ts (main), all three languages',
    );
  });

  it('fails on a planted literal in JSX text, a rendered string, and a user-facing attribute', () => {
    const planted = `export const Planted = ({ ok }: { ok: boolean }) => (
      <section className="calls" data-testid="planted" role="region" aria-label="Calls">
        Hang up
        <b>{'Mute'}</b>
        {ok ? 'Yes' : t('call.no')}
        <input placeholder="Number to call" type="tel" />
      </section>
    );`;
    assert.deepEqual(texts(findUiLiterals('Planted.tsx', planted)), ['Calls', 'Hang up', 'Mute', 'Yes', 'Number to call']);
  });

  it('lets through translated text, class names, test ids and text without letters', () => {
    const clean = `export const Clean = () => (
      <p className="quality mos-good" data-testid="mos" lang="en" aria-label={t('quality.label', { mos })}>
        {t('quality.mos')} · {mos} — {\`\${a} / \${b}\`} 100%
      </p>
    );`;
    assert.deepEqual(findUiLiterals('Clean.tsx', clean), []);
  });

  it('fails on a planted literal in an OS notification, a tray tooltip, a window title and a menu', () => {
    const planted = `
      new Notification({ title: waiting ? 'Call waiting' : 'Incoming call', body: alert.from });
      tray.setToolTip(\`Hearthline — incoming call from \${from}\`);
      new electron.BrowserWindow({ width: 1100, title: 'Hearthline' });
      dialog.showMessageBoxSync(window, { message: 'Quit now?', buttons: [] });
      Menu.buildFromTemplate([{ label: 'Show', submenu: [{ label: 'Quit' }] }]);`;
    assert.deepEqual(texts(findMainLiterals('glue.ts', planted)), ['Call waiting', 'Incoming call', 'Hearthline — incoming call from …', 'Hearthline', 'Quit now?', 'Show', 'Quit']);
    assert.deepEqual(findMainLiterals('glue.ts', "new Notification({ title: mainText(language, 'incomingCall'), silent: true, urgency: 'critical' });"), []);
  });
});
