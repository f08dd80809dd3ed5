// Which URLs may carry calls and customer data. Plain ws:// and http:// are only for this machine (the
// local stack, a local SBC or recogniser); anything else must be TLS unless an explicit opt-in says so.

/** True for a hostname that can only mean this machine: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

/** https:// or wss:// anywhere, http:// or ws:// to this machine only; false for anything unparsable. */
export function isSecureOrLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:' || url.protocol === 'wss:') return true;
  return (url.protocol === 'http:' || url.protocol === 'ws:') && isLoopbackHostname(url.hostname);
}
