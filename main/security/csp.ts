// One Content-Security-Policy for both hosts. Only the engine may open sockets, and only to the SIP server.
export function contentSecurityPolicy(page: 'ui' | 'engine' | 'asset', sipServer: string | undefined): string {
  const connect = ["'self'"];
  if (page === 'engine' && sipServer) connect.push(sipOrigin(sipServer));
  return [
    "default-src 'self'",
    "script-src 'self'",
    // react-aria sets style attributes for positioning; no inline <script> is ever allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "media-src 'self' blob: mediastream:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function sipOrigin(wsUri: string): string {
  const url = new URL(wsUri);
  return `${url.protocol}//${url.host}`;
}
