// Serves the built UI and engine pages on loopback for the headless host. The HTML gets the bridge
// script injected in place of Electron's preload, so the pages themselves are byte-for-byte the same.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { decodedRequestPath, isOwnHost } from './requestGuards';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.map': 'application/json',
};

/** Which bridge script replaces the preload for each page. */
const PAGE_BRIDGES: Record<string, string> = { '/ui.html': 'bridge-ui.js', '/engine.html': 'bridge-engine.js' };

export interface StaticServerOptions {
  rootDir: string;
  /** Content-Security-Policy per page: the engine needs to reach the SIP server, the UI does not. */
  csp: (page: 'ui' | 'engine' | 'asset') => string;
  /** The port we listen on, for the Host check (known only once listening). */
  port: () => number;
}

export function createStaticHandler({ rootDir, csp, port }: StaticServerOptions) {
  const root = path.resolve(rootDir);
  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!isOwnHost(request.headers.host, port())) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('wrong host');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const decoded = decodedRequestPath(request.url);
    if (decoded === undefined) {
      response.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad path');
      return;
    }
    const pathname = decoded === '/' ? '/ui.html' : decoded;
    const file = path.resolve(root, `.${pathname}`);
    if (!file.startsWith(root + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const bridge = PAGE_BRIDGES[pathname];
    if (bridge) {
      // The bridge must run before the page's own script, exactly as a preload would.
      body = Buffer.from(body.toString('utf8').replace('<!--preload-->', `<script src="./${bridge}"></script>`));
    }
    const page = pathname === '/ui.html' ? 'ui' : pathname === '/engine.html' ? 'engine' : 'asset';
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': csp(page),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  // Whatever goes wrong inside, the request gets an answer and the host keeps running.
  return (request: IncomingMessage, response: ServerResponse): Promise<void> =>
    serve(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
}
