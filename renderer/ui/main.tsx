import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { startAppearance } from './appearance/appearance';

const { i18n, ready } = initI18n(navigator.languages);
startAppearance(i18n);
// The first render waits for the start language's catalogue (English is bundled; the others are fetched).
void ready.finally(() => {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
});
