// Which Chromium runs the call engine under the headless host. Debian ships Chromium's headless shell
// (package chromium-headless-shell) beside the browser: the same engine without the browser's UI layer,
// which reaches a working WebRTC call on about a third of the browser's CPU (docs/performance.md). The
// engine has no window, so when the shell is installed next to the configured Chromium it runs there;
// the agent's UI keeps the configured browser. Node built-ins only: the host's first stage uses this.
import path from 'node:path';

export const HEADLESS_SHELL_NAME = 'chromium-headless-shell';

export interface EngineExecutable {
  executable: string;
  /** The full browser needs --headless=new; the shell is headless by nature and takes no such flag. */
  headlessShell: boolean;
}

/**
 * `chromium`: the host's Chromium (--chromium). `choice`: --engine-chromium or HEARTHLINE_ENGINE_CHROMIUM —
 * 'auto' (or nothing) for the headless shell beside `chromium` when there is one, 'browser' for `chromium`
 * itself, or a path to run.
 */
export function engineExecutable(chromium: string, choice: string | undefined, isExecutable: (file: string) => boolean): EngineExecutable {
  const picked = (executable: string): EngineExecutable => ({ executable, headlessShell: path.basename(executable) === HEADLESS_SHELL_NAME });
  if (choice === 'browser') return picked(chromium);
  if (choice && choice !== 'auto') return picked(choice);
  const shell = path.join(path.dirname(chromium), HEADLESS_SHELL_NAME);
  return picked(isExecutable(shell) ? shell : chromium);
}
