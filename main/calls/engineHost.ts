/**
 * Where the call engine renderer lives: a hidden BrowserWindow under Electron, a Chromium process
 * under the headless host. The supervisor only needs to launch it, learn that it died, and dispose it.
 */
export interface EngineHost {
  /** Starts the engine renderer, replacing any previous one. Connection happens later via engine.hello. */
  launch(): Promise<void>;
  /** Stops the engine for good (app quit). */
  dispose(): Promise<void>;
  /** Registers a listener for the engine dying on its own (crash, killed, window destroyed). */
  onGone(listener: (reason: string) => void): void;
}
