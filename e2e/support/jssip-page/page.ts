/**
 * Browser side of the JsSIP reference phone: bundled with JsSIP by esbuild
 * and loaded by ../jssip-phone.ts into a Chromium page. It installs
 * window.testPhone and reports every event through window.__phoneEvent
 * (a Playwright binding). Deliberately independent of the app's code: it is
 * the "known good" WebRTC endpoint the stack is checked with.
 */
import * as JsSIP from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import type { DTMF_TRANSPORT } from 'jssip/lib/Constants';
import type { AudioLevel, PhoneEvent, RegisterOptions, RegisterResult, TestPhoneApi } from './protocol';

declare global {
  interface Window {
    testPhone: TestPhoneApi;
    __phoneEvent?: (event: PhoneEvent) => void;
  }
}

type Detail = PhoneEvent['detail'];

let ua: JsSIP.UA | undefined;
let autoAnswer = false;
const sessions = new Map<string, RTCSession>();
let currentSessionId: string | undefined;

// Remote audio plays through a media element (WebAudio alone stays silent
// for remote WebRTC tracks, sip-stack.md pitfall 9) and feeds an analyser.
const remoteAudio = document.createElement('audio');
remoteAudio.autoplay = true;
document.body.appendChild(remoteAudio);
let analyser: AnalyserNode | undefined;
let audioContext: AudioContext | undefined;

/** No echo cancellation / noise suppression / AGC: audio levels stay comparable. */
const MEDIA_CONSTRAINTS = {
  audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  video: false,
};
/** Default bundle policy: max-bundle breaks offers from rtpengine 10.5 (pitfall 2). */
const PC_CONFIG: RTCConfiguration = { iceServers: [], rtcpMuxPolicy: 'require' };

function emit(type: string, sessionId?: string, detail?: Detail): void {
  const event: PhoneEvent = { type, at: performance.timeOrigin + performance.now(), sessionId, detail };
  window.__phoneEvent?.(event);
}

function sessionOrThrow(sessionId?: string): RTCSession {
  const id = sessionId ?? currentSessionId;
  const session = id ? sessions.get(id) : undefined;
  if (!session) throw new Error(`no session ${id ?? '(current)'}; sessions: ${[...sessions.keys()].join(', ') || 'none'}`);
  return session;
}

function playRemote(stream: MediaStream): void {
  remoteAudio.srcObject = stream;
  audioContext ??= new AudioContext();
  const source = audioContext.createMediaStreamSource(stream);
  analyser = audioContext.createAnalyser();
  analyser.fftSize = 2048;
  source.connect(analyser);
}

const trackedSessions = new WeakSet<RTCSession>();

/** Starts reporting a session's events (once per session, however it was reached). */
function track(session: RTCSession): void {
  if (trackedSessions.has(session)) return;
  trackedSessions.add(session);
  const id = session.id;
  sessions.set(id, session);
  currentSessionId = id;
  const on = (name: string, detail?: (arg: unknown) => Detail): void => {
    session.on(name as 'progress', (arg: unknown) => emit(name, id, detail?.(arg)));
  };
  on('progress');
  on('accepted');
  on('confirmed');
  on('hold', (e) => ({ originator: (e as { originator: string }).originator }));
  on('unhold', (e) => ({ originator: (e as { originator: string }).originator }));
  on('newDTMF', (e) => {
    const { originator, dtmf } = e as { originator: string; dtmf: { tone: string } };
    return { originator, tone: dtmf.tone };
  });
  on('newInfo', (e) => {
    const { originator, info } = e as { originator: string; info: { contentType: string; body: string } };
    return { originator, contentType: info.contentType, body: info.body };
  });
  const ended = (name: string) => (e: unknown): void => {
    const { cause, originator } = e as { cause: string; originator: string };
    emit(name, id, { cause, originator });
    sessions.delete(id);
    if (currentSessionId === id) currentSessionId = [...sessions.keys()].pop();
  };
  session.on('ended', ended('ended'));
  session.on('failed', ended('failed'));
  // Attended transfer, target side: an INVITE with Replaces for this session
  // arrives; JsSIP needs the app to accept it (the old session then ends).
  session.on('replaces', (e) => {
    emit('replacesReceived', id);
    e.accept((newSession: RTCSession) => track(newSession));
  });
  session.on('refer', (e) => {
    emit('referReceived', id, { referTo: e.request.getHeader('Refer-To') });
    // The transferee side: accept and place the new call.
    e.accept((newSession: RTCSession) => track(newSession), { mediaConstraints: MEDIA_CONSTRAINTS, pcConfig: PC_CONFIG });
  });
  const watch = (peerconnection: RTCPeerConnection): void => {
    emit('peerconnection', id);
    peerconnection.addEventListener('track', (event) => {
      emit('track', id, { kind: event.track.kind });
      playRemote(event.streams[0] ?? new MediaStream([event.track]));
    });
  };
  // Outgoing calls create their RTCPeerConnection before newRTCSession fires.
  if (session.connection) watch(session.connection);
  else session.on('peerconnection', ({ peerconnection }) => watch(peerconnection));
}

/**
 * hold()/unhold() and resolve when the re-INVITE got its 2xx: starting the
 * next re-INVITE earlier would cross with this one (491 glare).
 */
function renegotiate(session: RTCSession, action: 'hold' | 'unhold'): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = session[action]({}, () => resolve());
    if (!started) reject(new Error(`${action}() refused in the current state`));
  });
}

const api: TestPhoneApi = {
  register(options: RegisterOptions): Promise<RegisterResult> {
    autoAnswer = options.autoAnswer ?? false;
    const socket = new JsSIP.WebSocketInterface(options.wsUrl);
    ua = new JsSIP.UA({
      sockets: [socket],
      uri: options.uri,
      password: options.password,
      register: true,
      register_expires: options.registerExpires ?? 600,
      session_timers: false,
      user_agent: 'Hearthline e2e JsSIP phone',
    });
    ua.on('connected', () => emit('connected'));
    ua.on('disconnected', () => emit('disconnected'));
    ua.on('registered', () => emit('registered'));
    ua.on('unregistered', () => emit('unregistered'));
    ua.on('newRTCSession', ({ session, originator }: RTCSessionEvent) => {
      track(session);
      emit('newSession', session.id, { direction: session.direction, originator, remoteUri: String(session.remote_identity.uri) });
      if (originator === 'remote' && autoAnswer) {
        session.answer({ mediaConstraints: MEDIA_CONSTRAINTS, pcConfig: PC_CONFIG });
      }
    });
    const started = ua;
    return new Promise<RegisterResult>((resolve) => {
      started.once('registered', () => resolve({ ok: true }));
      started.once('registrationFailed', (e) => {
        const statusCode = (e.response as { status_code?: number } | undefined)?.status_code;
        emit('registrationFailed', undefined, { cause: e.cause, statusCode });
        resolve({ ok: false, cause: e.cause, statusCode });
      });
      started.start();
    });
  },

  unregisterAndStop(): Promise<void> {
    const stopping = ua;
    ua = undefined;
    if (!stopping) return Promise.resolve();
    return new Promise<void>((resolve) => {
      stopping.once('disconnected', () => resolve());
      stopping.stop();
    });
  },

  call(target: string): string {
    if (!ua) throw new Error('register() first');
    const session = ua.call(target, { mediaConstraints: MEDIA_CONSTRAINTS, pcConfig: PC_CONFIG });
    return session.id;
  },

  answer(sessionId?: string): void {
    sessionOrThrow(sessionId).answer({ mediaConstraints: MEDIA_CONSTRAINTS, pcConfig: PC_CONFIG });
  },

  hangup(sessionId?: string): void {
    sessionOrThrow(sessionId).terminate();
  },

  hold(sessionId?: string): Promise<void> {
    return renegotiate(sessionOrThrow(sessionId), 'hold');
  },

  unhold(sessionId?: string): Promise<void> {
    return renegotiate(sessionOrThrow(sessionId), 'unhold');
  },

  sendDtmf(tones: string, method: 'RFC2833' | 'INFO', sessionId?: string): void {
    sessionOrThrow(sessionId).sendDTMF(tones, { transportType: method as DTMF_TRANSPORT, duration: 160, interToneGap: 100 });
  },

  refer(target: string, sessionId?: string, replacesSessionId?: string): void {
    const replaces = replacesSessionId ? sessionOrThrow(replacesSessionId) : undefined;
    sessionOrThrow(sessionId).refer(target, replaces ? { replaces } : {});
  },

  setAutoAnswer(enabled: boolean): void {
    autoAnswer = enabled;
  },

  async remoteAudioLevel(windowMs: number): Promise<AudioLevel> {
    const node = analyser;
    if (!node) throw new Error('no remote audio yet');
    await audioContext?.resume();
    const samples = new Float32Array(node.fftSize);
    let rms = 0;
    const until = performance.now() + windowMs;
    while (performance.now() < until) {
      node.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      rms = Math.max(rms, Math.sqrt(sum / samples.length));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const spectrum = new Float32Array(node.frequencyBinCount);
    node.getFloatFrequencyData(spectrum);
    let peakBin = 0;
    spectrum.forEach((value, bin) => {
      if (value > (spectrum[peakBin] ?? -Infinity)) peakBin = bin;
    });
    return { rms, peakHz: (peakBin * node.context.sampleRate) / node.fftSize };
  },

  sessionIds(): string[] {
    return [...sessions.keys()];
  },
};

window.testPhone = api;
