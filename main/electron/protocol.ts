// app://hearthline/ serves the built renderer from inside the package instead of file://, with the
// same Content-Security-Policy the headless host sends.
import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../security/csp';

export const APP_ORIGIN = 'app://hearthline';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveRenderer(rendererDir: string, sipServer: string | undefined): void {
  const root = path.resolve(rendererDir);
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'hearthline') return new Response('not found', { status: 404 });
    const file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(root + path.sep)) return new Response('forbidden', { status: 403 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const page = url.pathname === '/ui.html' ? 'ui' : url.pathname === '/engine.html' ? 'engine' : 'asset';
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy(page, sipServer));
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
