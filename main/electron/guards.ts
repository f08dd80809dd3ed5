// The decisions behind the Electron guards, as pure functions (no electron import) so they are unit
// tested without a display; main/electron/security.ts and protocol.ts only wire them to Electron.
// The UI and the call engine are served from two app:// origins, so a permission or device grant can be
// tied to the engine window even where Electron tells us only the origin (the HID device handler).
import path from 'node:path';
import type { Role } from '../../common/contract/channels';
import { isHttpsUrl } from '../../common/contract/knowledge';
import { decodedRequestPath } from '../security/requestPath';

export const APP_SCHEME = 'app';
/**
 * How app:// is registered: a standard, secure scheme with fetch, whose scripts keep V8's code cache in
 * the session between starts (Electron leaves it off for custom schemes), so ui.js and engine.js are not
 * compiled from scratch on every start.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;
export const UI_ORIGIN = 'app://hearthline';
export const ENGINE_ORIGIN = 'app://engine';
export const UI_URL = `${UI_ORIGIN}/ui.html`;
export const ENGINE_URL = `${ENGINE_ORIGIN}/engine.html`;

/** Which page each origin may load: the other role's page is not served there. */
const ORIGIN_ROLES: Record<string, Role> = { [UI_ORIGIN]: 'ui', [ENGINE_ORIGIN]: 'engine' };
const ROLE_PAGES: Record<Role, string> = { ui: '/ui.html', engine: '/engine.html' };

/** The only things the engine asks for: microphone/speaker (media, speaker-selection) and the headset (hid). */
const ENGINE_PERMISSIONS = new Set(['media', 'hid', 'speaker-selection']);

/** scheme://host of a URL. Node's URL gives origin 'null' for schemes it does not know (app:), so the
 *  origin is built by hand; for http(s) this equals URL.origin. */
function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** The role whose origin `url` is on, or undefined for anything else (including unparsable input). */
export function roleForUrl(url: string | undefined | null): Role | undefined {
  if (!url) return undefined;
  try {
    return ORIGIN_ROLES[originOf(new URL(url))];
  } catch {
    return undefined;
  }
}

export function isOwnOrigin(url: string | undefined | null): boolean {
  return roleForUrl(url) !== undefined;
}

/** Who an IPC message speaks for: the role we registered for that webContents, and only when the sending
 *  frame is its top frame on that role's own origin (not an iframe, not a page it navigated to). */
export function ipcSenderRole(registered: Role | undefined, frame: { url: string; isTopFrame: boolean } | null | undefined): Role | undefined {
  if (!registered || !frame?.isTopFrame) return undefined;
  return roleForUrl(frame.url) === registered ? registered : undefined;
}

/** Permission requests and checks: only the engine window's own origin gets media, HID and speaker choice. */
export function permissionAllowed(permission: string, requestingUrl: string | undefined | null, windowRole: Role | undefined): boolean {
  return windowRole === 'engine' && roleForUrl(requestingUrl) === 'engine' && ENGINE_PERMISSIONS.has(permission);
}

/** Device grants (Electron gives only the origin here): HID devices for the engine origin, nothing else. */
export function deviceAllowed(deviceType: string, origin: string | undefined | null): boolean {
  return deviceType === 'hid' && roleForUrl(origin) === 'engine';
}

/** Our pages never navigate: every navigation and redirect is refused. */
export function navigationAllowed(_url: string): boolean {
  return false;
}

/** window.open and target=_blank links: never a new app window; an https link (a knowledge article)
 *  goes to the system browser, anything else nowhere. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally?: string } {
  return isHttpsUrl(url) ? { action: 'deny', openExternally: url } : { action: 'deny' };
}

/** The only URLs shell.openExternal is ever given. */
export function externalOpenAllowed(url: string): boolean {
  return isHttpsUrl(url);
}

export type AppFile = { file: string; page: 'ui' | 'engine' | 'asset' } | { status: 400 | 403 | 404 };

/** Maps an app:// request to a file under `rootDir`, totally: malformed escapes, traversal, unknown hosts
 *  and the other role's page all get a status instead of a file. */
export function resolveAppRequest(rootDir: string, requestUrl: string): AppFile {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400 };
  }
  const role = url.protocol === `${APP_SCHEME}:` ? ORIGIN_ROLES[originOf(url)] : undefined;
  if (!role) return { status: 404 };
  const pathname = decodedRequestPath(url.pathname);
  if (pathname === undefined) return { status: 400 };
  const otherPage = ROLE_PAGES[role === 'ui' ? 'engine' : 'ui'];
  if (pathname === otherPage) return { status: 404 };
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${pathname}`);
  if (!file.startsWith(root + path.sep)) return { status: 403 };
  return { file, page: pathname === ROLE_PAGES[role] ? role : 'asset' };
}
