// Keeps the local knowledge index in step with the gateway's change feed (GET /v1/knowledge/articles):
// on start and then periodically it asks for what changed since the stored cursor, page by page, and
// applies each page with its cursor in one transaction. A page that breaks the contract is rejected
// whole (logged with paths, never values; shown to the agent) and the index stays exactly as it was;
// an unreachable gateway leaves the last index in use. The shipped demo articles are only a seed for
// an index that has never synced: the first page from the gateway replaces them.
import type { KnowledgeStatus } from '../../common/contract/assist';
import { knowledgePagePath, KnowledgePageSchema, type KnowledgePage } from '../../common/contract/knowledge';
import type { Logger } from '../log/logger';
import type { GatewayClient } from '../gateway/gatewayClient';
import type { CancelTimer, Scheduler } from '../time/scheduler';
import type { KnowledgeIndex } from './knowledgeIndex';

export type KnowledgePageResult = { kind: 'ok'; page: KnowledgePage } | { kind: 'unreachable'; message: string } | { kind: 'rejected'; issues: string[] };

/** Where pages come from (the gateway over HTTP; tests may pass their own). */
export interface KnowledgeSource {
  fetchPage(since: string | undefined, signal: AbortSignal): Promise<KnowledgePageResult>;
}

/**
 * Articles per page. A page is written with its cursor in one transaction on main's thread: 25 help-centre
 * articles of a few thousand characters stay well under 50 ms of CPU, 200 did not (bench/eventLoop.bench.ts).
 */
export const KNOWLEDGE_PAGE_SIZE = 25;

export class HttpKnowledgeSource implements KnowledgeSource {
  constructor(
    private readonly client: GatewayClient,
    private readonly pageSize = KNOWLEDGE_PAGE_SIZE,
  ) {}

  async fetchPage(since: string | undefined, signal: AbortSignal): Promise<KnowledgePageResult> {
    const read = await this.client.read(knowledgePagePath(since, this.pageSize), KnowledgePageSchema, signal);
    if (read.kind === 'ok') return { kind: 'ok', page: read.value };
    return read.kind === 'malformed' ? { kind: 'rejected', issues: read.issues } : read;
  }
}

export interface KnowledgeSyncDeps {
  /** Without one (no gateway configured) the index keeps what it has: the seed or the last sync. */
  source: KnowledgeSource | undefined;
  index: KnowledgeIndex;
  log: Logger;
  scheduler: Scheduler;
  /** Between syncs (default 15 minutes). */
  intervalMs?: number;
  /** Per page (default 20 s). */
  timeoutMs?: number;
  /** A run stops after this many pages and carries on at the next one (default 1 600: 40 000 articles). */
  maxPagesPerRun?: number;
}

export class KnowledgeSync {
  private current: KnowledgeStatus;
  private running: Promise<KnowledgeStatus> | undefined;
  private timer: CancelTimer | undefined;
  private readonly listeners = new Set<(status: KnowledgeStatus) => void>();
  private readonly abort = new AbortController();
  private disposed = false;

  constructor(private readonly deps: KnowledgeSyncDeps) {
    const state = deps.index.syncState();
    this.current = {
      state: state.cursor === undefined ? (deps.source ? 'seed' : 'off') : 'synced',
      articles: deps.index.count(),
      syncedAt: state.syncedAt,
    };
  }

  status(): KnowledgeStatus {
    return this.current;
  }

  onChange(listener: (status: KnowledgeStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Syncs now and then every intervalMs. */
  start(): void {
    if (!this.deps.source) return;
    const loop = () => {
      void this.syncNow().finally(() => {
        if (!this.disposed) this.timer = this.deps.scheduler.setTimer(this.deps.intervalMs ?? 15 * 60_000, loop);
      });
    };
    loop();
  }

  /** One run: every page that is waiting (up to maxPagesPerRun). Never throws; concurrent calls share a run. */
  syncNow(): Promise<KnowledgeStatus> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<KnowledgeStatus> {
    const source = this.deps.source;
    if (!source) return this.current;
    let pages = 0;
    let upserted = 0;
    let deleted = 0;
    for (;;) {
      const since = this.deps.index.syncState().cursor;
      const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.deps.timeoutMs ?? 20_000)]);
      const result = await source.fetchPage(since, signal);
      if (this.disposed) return this.current;
      if (result.kind === 'unreachable') {
        this.deps.log.warn({ reason: result.message }, 'knowledge sync: gateway unreachable; keeping the last knowledge index');
        return this.publish({ state: 'offline', message: result.message });
      }
      if (result.kind === 'rejected') {
        this.deps.log.error({ issues: result.issues }, 'knowledge sync: the gateway sent articles that break the contract; rejected them, the knowledge index is unchanged');
        return this.publish({ state: 'rejected', message: result.issues.slice(0, 3).join('; ') });
      }
      try {
        const applied = await this.deps.index.applyChangesInSlices(result.page.changes, result.page.cursor, { replace: since === undefined });
        if (this.disposed) return this.current;
        upserted += applied.upserted;
        deleted += applied.deleted;
      } catch (error) {
        this.deps.log.error({ err: error }, 'knowledge sync: could not store the articles; the knowledge index is unchanged');
        return this.publish({ state: 'rejected', message: error instanceof Error ? error.message : String(error) });
      }
      pages += 1;
      if (!result.page.hasMore || pages >= (this.deps.maxPagesPerRun ?? 1_600)) break;
    }
    if (upserted || deleted) this.deps.log.info({ pages, upserted, deleted, articles: this.deps.index.count() }, 'knowledge sync: index updated');
    return this.publish({ state: 'synced' });
  }

  private publish(update: Pick<KnowledgeStatus, 'state' | 'message'>): KnowledgeStatus {
    this.current = { ...update, articles: this.deps.index.count(), syncedAt: this.deps.index.syncState().syncedAt };
    for (const listener of this.listeners) listener(this.current);
    return this.current;
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.();
    this.abort.abort();
  }
}
