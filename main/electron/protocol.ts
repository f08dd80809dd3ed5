// app:// serves the built renderer from inside the package instead of file://, with the same
// Content-Security-Policy the headless host sends. Two hosts: app://hearthline (the UI) and app://engine
// (the call engine), so permissions can follow the origin (guards.ts).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../security/csp';
import type { ElectronApi } from './electronApi';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, resolveAppRequest } from './guards';

export function registerAppScheme(protocol: ElectronApi['protocol']): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

export function serveRenderer({ protocol, net }: Pick<ElectronApi, 'protocol' | 'net'>, rendererDir: string, sipServer: () => string | undefined): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppRequest(root, request.url);
    if ('status' in resolved) return new Response(null, { status: resolved.status });
    const response = await net.fetch(pathToFileURL(resolved.file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy(resolved.page, sipServer()));
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
