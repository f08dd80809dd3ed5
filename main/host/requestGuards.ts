// Pure checks on what reaches the headless host's loopback port. Anything local can connect there,
// including web pages that rebind their own hostname to 127.0.0.1, so the checks are total: they
// answer for every input and never throw.

/** True when the Host header names this very server (127.0.0.1 or localhost on our port). A page on
 *  evil.example rebound to 127.0.0.1 still sends Host: evil.example, so this stops DNS rebinding. */
export function isOwnHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader || !Number.isInteger(port) || port <= 0) return false;
  const host = hostHeader.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export { decodedRequestPath } from '../security/requestPath';
