// Where a start's time goes, as main sees it: each step's time since the process began and main's CPU
// time by then. Wall time on a shared machine mostly says how busy it was; CPU time per step does not,
// so both are kept. The headless host prints the timeline once the first Ready has been sent to a UI
// (main/host/headless.ts); `npm run bench` reads it (e2e/bench/start.bench.ts).
import type { Role } from '../../common/contract/channels';
import type { Snapshot } from '../../common/contract/model';

export interface StartMark {
  name: string;
  /** ms since the process started (performance.timeOrigin). */
  atMs: number;
  /** main's CPU time (user + system, all threads) by then, in ms. */
  cpuMs: number;
}

export interface StartTimelineClock {
  now: () => number;
  cpuMs: () => number;
}

const processClock: StartTimelineClock = {
  now: () => performance.now(),
  cpuMs: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },
};

const round = (value: number) => Math.round(value * 10) / 10;

export class StartTimeline {
  private readonly marks: StartMark[] = [];

  constructor(private readonly clock: StartTimelineClock = processClock) {}

  /** Records `name` the first time only: a step that happens again (an engine relaunch) keeps its first time. */
  mark(name: string): void {
    if (this.has(name)) return;
    this.marks.push({ name, atMs: round(this.clock.now()), cpuMs: round(this.clock.cpuMs()) });
  }

  has(name: string): boolean {
    return this.marks.some((mark) => mark.name === name);
  }

  list(): StartMark[] {
    return this.marks.map((mark) => ({ ...mark }));
  }
}

export interface StartSources {
  onSnapshot: (listener: (snapshot: Snapshot) => void) => () => void;
  onAttach: (listener: (role: Role) => void) => () => void;
  onEngineHello: (listener: () => void) => void;
}

/**
 * Marks what main sees of a start: the engine's bridge and hello, REGISTER under way and answered, the
 * UI's bridge, and the first snapshot saying Ready. `done` is called once, when a UI is attached and Ready
 * has been pushed (whichever came last); watching stops then.
 */
export function watchStart(timeline: StartTimeline, sources: StartSources, done: (marks: StartMark[]) => void): () => void {
  let finished = false;
  const stops: Array<() => void> = [];
  const stop = () => {
    for (const unsubscribe of stops.splice(0)) unsubscribe();
  };
  const check = () => {
    if (finished || !timeline.has('uiAttached') || !timeline.has('readyPushed')) return;
    finished = true;
    stop();
    done(timeline.list());
  };
  stops.push(
    sources.onAttach((role) => {
      timeline.mark(role === 'engine' ? 'engineAttached' : 'uiAttached');
      check();
    }),
    sources.onSnapshot((snapshot) => {
      if (snapshot.registration.state === 'registering') timeline.mark('registering');
      if (snapshot.registration.state === 'registered') timeline.mark('registered');
      if (snapshot.presence === 'ready') timeline.mark('readyPushed');
      check();
    }),
  );
  sources.onEngineHello(() => {
    if (!finished) timeline.mark('engineHello');
  });
  return stop;
}
