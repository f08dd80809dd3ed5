/**
 * Types shared by the JsSIP reference phone's page (page.ts, runs in Chromium)
 * and its Node driver (../jssip-phone.ts).
 */

export interface RegisterOptions {
  /** e.g. ws://127.0.0.1:8088 */
  wsUrl: string;
  /** e.g. sip:1001@127.0.0.1 */
  uri: string;
  password: string;
  /** Answer incoming calls at once (default false). */
  autoAnswer?: boolean;
  /** REGISTER expiry in seconds (JsSIP default 600). */
  registerExpires?: number;
}

/** Outcome of the first REGISTER. */
export interface RegisterResult {
  ok: boolean;
  /** Final SIP status of the failed REGISTER (e.g. 401, 403), if there was a response. */
  statusCode?: number;
  /** JsSIP's cause, e.g. "Authentication Error", "Connection Error". */
  cause?: string;
}

/**
 * Something that happened in the page. Types: connected, disconnected,
 * registered, unregistered, registrationFailed, newSession, progress,
 * accepted, confirmed, ended, failed, hold, unhold, newDTMF, newInfo,
 * referReceived, replacesReceived, peerconnection, track.
 */
export interface PhoneEvent {
  type: string;
  /** Epoch ms with sub-ms precision (page clock = Node clock on one machine). */
  at: number;
  /** Session id (JsSIP's call-id + from-tag) for call events. */
  sessionId?: string;
  /** Event details, e.g. { direction, remoteUri } for newSession, { cause } for ended/failed. */
  detail?: Record<string, string | number | boolean | undefined>;
}

export interface AudioLevel {
  /** Highest RMS (0..1) of the remote audio over the measuring window. */
  rms: number;
  /** Frequency with the most energy in the last analyser frame, Hz. */
  peakHz: number;
}

/** What page.ts installs as window.testPhone. */
export interface TestPhoneApi {
  register(options: RegisterOptions): Promise<RegisterResult>;
  unregisterAndStop(): Promise<void>;
  call(target: string): string;
  answer(sessionId?: string): void;
  hangup(sessionId?: string): void;
  /** Resolves when the re-INVITE (a=sendonly) got its 2xx. */
  hold(sessionId?: string): Promise<void>;
  /** Resolves when the re-INVITE (a=sendrecv) got its 2xx. */
  unhold(sessionId?: string): Promise<void>;
  sendDtmf(tones: string, method: 'RFC2833' | 'INFO', sessionId?: string): void;
  /** Blind transfer; with replacesSessionId, attended transfer (Refer-To with Replaces). */
  refer(target: string, sessionId?: string, replacesSessionId?: string): void;
  setAutoAnswer(enabled: boolean): void;
  /** Measures the remote audio for `windowMs` (requires an established call). */
  remoteAudioLevel(windowMs: number): Promise<AudioLevel>;
  sessionIds(): string[];
}
