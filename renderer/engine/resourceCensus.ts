// Counts what the engine page keeps alive (peer connections, media tracks, audio worklet nodes, pending
// timers, listeners on the page's long-lived objects), so a test can make many calls and check that the
// counts come back to where they started. The engine page lives for a whole shift: anything a call leaves
// behind adds up. Read through hearthlineEngineDebug.resources() (renderer/engine/main.ts).
//
// The constructors are wrapped, not replaced: JsSIP and the assist tap keep using the globals as before.
// Wrapping costs something on every timer and listener, so it is installed only when the page is opened
// with ?census (the headless host's --resource-census, used by the e2e tests and the soak bench), never
// in a shipped build.
import { WORKLET_STOPPED_MESSAGE } from './assist/workletMessages';

export interface ResourceCounts {
  /** RTCPeerConnections not closed. */
  peerConnections: number;
  /** MediaStreamTracks (microphones, clones, received tracks) whose readyState is still "live". */
  liveTracks: number;
  /** AudioWorkletNodes whose processor has not confirmed that it stopped. */
  workletNodes: number;
  /** setTimeout callbacks still pending plus setInterval timers not cleared. */
  timers: number;
  /** Listeners on window, document and navigator.mediaDevices. */
  listeners: number;
  /** WebSockets not closed (the SIP signalling socket: one while registered). */
  webSockets: number;
  /**
   * AudioContexts rendering now: each keeps the audio service and an audio thread busy, silent or not
   * (the ringer's is suspended between rings; a call without transcription needs none).
   */
  runningAudioContexts: number;
}

/** The query parameter that asks for the census (main/host/headless.ts adds it with --resource-census). */
export const CENSUS_QUERY = 'census';

/** Installs a census on `win` only when the page's query asks for one; otherwise leaves every global untouched. */
export function installCensusIfAsked(win: Window & typeof globalThis, search: string): ResourceCensus | undefined {
  if (!new URLSearchParams(search).has(CENSUS_QUERY)) return undefined;
  const census = new ResourceCensus();
  census.install(win);
  return census;
}


export class ResourceCensus {
  private readonly connections = new Set<RTCPeerConnection>();
  private readonly tracks = new Set<MediaStreamTrack>();
  private readonly nodes = new Set<AudioWorkletNode>();
  private readonly timeouts = new Set<number>();
  private readonly intervals = new Set<number>();
  private readonly listenerKeys = new Map<EventTarget, Set<string>>();
  private readonly sockets = new Set<WebSocket>();
  private readonly audioContexts = new Set<AudioContext>();

  /** Wraps the page's globals; call once, before anything creates calls. */
  install(win: Window & typeof globalThis): void {
    this.wrapPeerConnection(win);
    this.wrapTracks(win);
    this.wrapWorkletNode(win);
    this.wrapWebSocket(win);
    this.wrapAudioContext(win);
    this.wrapTimers(win);
    this.wrapListeners(win, [win, win.document, win.navigator.mediaDevices].filter(Boolean) as EventTarget[]);
  }

  counts(): ResourceCounts {
    for (const pc of this.connections) if (pc.signalingState === 'closed') this.connections.delete(pc);
    for (const context of this.audioContexts) if (context.state === 'closed') this.audioContexts.delete(context);
    this.pruneTracks();
    let listeners = 0;
    for (const keys of this.listenerKeys.values()) listeners += keys.size;
    return {
      peerConnections: this.connections.size,
      liveTracks: this.tracks.size,
      workletNodes: this.nodes.size,
      timers: this.timeouts.size + this.intervals.size,
      listeners,
      webSockets: this.sockets.size,
      runningAudioContexts: [...this.audioContexts].filter((context) => context.state === 'running').length,
    };
  }

  private wrapAudioContext(win: Window & typeof globalThis): void {
    if (!win.AudioContext) return;
    win.AudioContext = countedConstructor(win.AudioContext, (context) => this.audioContexts.add(context));
  }

  private wrapWebSocket(win: Window & typeof globalThis): void {
    if (!win.WebSocket) return;
    win.WebSocket = countedConstructor(win.WebSocket, (socket) => {
      this.sockets.add(socket);
      socket.addEventListener('close', () => this.sockets.delete(socket));
    });
  }

  private addTrack(track: MediaStreamTrack | null | undefined): void {
    if (!track) return;
    this.tracks.add(track);
    if (this.tracks.size > 64) this.pruneTracks(); // stopped tracks are never referenced from here for long
  }

  private pruneTracks(): void {
    for (const track of this.tracks) if (track.readyState !== 'live') this.tracks.delete(track);
  }

  private wrapPeerConnection(win: Window & typeof globalThis): void {
    if (!win.RTCPeerConnection) return;
    win.RTCPeerConnection = countedConstructor(win.RTCPeerConnection, (pc) => {
      this.connections.add(pc);
      pc.addEventListener('track', (event) => this.addTrack(event.track));
    });
  }

  private wrapTracks(win: Window & typeof globalThis): void {
    const addTrack = (track: MediaStreamTrack) => this.addTrack(track);
    const devices = win.MediaDevices?.prototype;
    if (devices) {
      const getUserMedia = devices.getUserMedia;
      devices.getUserMedia = async function (this: MediaDevices, constraints?: MediaStreamConstraints) {
        const stream = await getUserMedia.call(this, constraints);
        for (const track of stream.getTracks()) addTrack(track);
        return stream;
      };
    }
    const trackProto = win.MediaStreamTrack?.prototype;
    if (trackProto) {
      const clone = trackProto.clone;
      trackProto.clone = function (this: MediaStreamTrack) {
        const copy = clone.call(this);
        addTrack(copy);
        return copy;
      };
    }
  }

  private wrapWorkletNode(win: Window & typeof globalThis): void {
    if (!win.AudioWorkletNode) return;
    win.AudioWorkletNode = countedConstructor(win.AudioWorkletNode, (node) => {
      this.nodes.add(node);
      node.port.addEventListener('message', (event: MessageEvent) => {
        if (event.data === WORKLET_STOPPED_MESSAGE) this.nodes.delete(node);
      });
      node.addEventListener('processorerror', () => this.nodes.delete(node));
    });
  }

  private wrapTimers(win: Window & typeof globalThis): void {
    type Schedule = (handler: (...args: unknown[]) => void, timeout?: number, ...args: unknown[]) => number;
    type Clear = (id?: number) => void;
    const setTimeout = win.setTimeout.bind(win) as unknown as Schedule;
    const setInterval = win.setInterval.bind(win) as unknown as Schedule;
    const clearTimeout = win.clearTimeout.bind(win) as Clear;
    const clearInterval = win.clearInterval.bind(win) as Clear;
    const timeouts = this.timeouts;
    const intervals = this.intervals;
    const wrappedSetTimeout: Schedule = (handler, timeout, ...args) => {
      const id = setTimeout(
        (...callArgs: unknown[]) => {
          timeouts.delete(id);
          if (typeof handler === 'function') handler(...callArgs);
        },
        timeout,
        ...args,
      );
      timeouts.add(id);
      return id;
    };
    const wrappedSetInterval: Schedule = (handler, timeout, ...args) => {
      const id = setInterval(handler, timeout, ...args);
      intervals.add(id);
      return id;
    };
    win.setTimeout = wrappedSetTimeout as unknown as typeof win.setTimeout;
    win.setInterval = wrappedSetInterval as unknown as typeof win.setInterval;
    win.clearTimeout = ((id?: number) => {
      if (id !== undefined) timeouts.delete(id);
      clearTimeout(id);
    }) as typeof win.clearTimeout;
    win.clearInterval = ((id?: number) => {
      if (id !== undefined) intervals.delete(id);
      clearInterval(id);
    }) as typeof win.clearInterval;
  }

  private wrapListeners(win: Window & typeof globalThis, targets: EventTarget[]): void {
    const listenerKeys = this.listenerKeys;
    const proto = win.EventTarget.prototype;
    const add = proto.addEventListener;
    const remove = proto.removeEventListener;
    const watched = new Set(targets);
    const ids = new WeakMap<object, number>();
    let nextId = 1;
    const key = (type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions) => {
      let id = ids.get(listener);
      if (id === undefined) ids.set(listener, (id = nextId++));
      const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
      return `${type}|${id}|${capture}`;
    };
    proto.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
      if (listener && watched.has(this) && !(typeof options === 'object' && options?.once)) {
        const keys = listenerKeys.get(this) ?? new Set<string>();
        listenerKeys.set(this, keys);
        keys.add(key(type, listener, options));
      }
      add.call(this, type, listener, options);
    };
    proto.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
      if (listener && watched.has(this)) listenerKeys.get(this)?.delete(key(type, listener, options));
      remove.call(this, type, listener, options);
    };
  }
}

/** A stand-in for a DOM constructor that tells `created` about every instance (instanceof still works). */
function countedConstructor<C extends abstract new (...args: never[]) => object>(Original: C, created: (instance: InstanceType<C>) => void): C {
  const Concrete = Original as unknown as new (...args: unknown[]) => InstanceType<C>;
  const Counted = function (...args: unknown[]) {
    const instance = new Concrete(...args);
    created(instance);
    return instance;
  } as unknown as C;
  Counted.prototype = Original.prototype;
  Object.setPrototypeOf(Counted, Original);
  return Counted;
}
