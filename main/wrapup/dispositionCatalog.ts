// The disposition codes the agent picks from: the gateway's list (GET /v1/dispositions), cached in the
// encrypted store so the form works offline, with a built-in list until the gateway has been reached.
import { DispositionListSchema, FALLBACK_DISPOSITIONS, type Disposition } from '../../common/contract/gateway';
import type { Db } from '../store/driver';

const SETTING = 'dispositions';

export class DispositionCatalog {
  private cached: Disposition[] | undefined;
  private readonly read;
  private readonly write;

  constructor(
    db: Db,
    private readonly now: () => number,
  ) {
    this.read = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
    this.write = db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
  }

  list(): Disposition[] {
    if (this.cached) return this.cached;
    const stored = this.read.get(SETTING) as string | undefined;
    const parsed = stored ? DispositionListSchema.safeParse({ dispositions: JSON.parse(stored) as unknown }) : undefined;
    this.cached = parsed?.success && parsed.data.dispositions.length > 0 ? parsed.data.dispositions : [...FALLBACK_DISPOSITIONS];
    return this.cached;
  }

  has(code: string): boolean {
    return this.list().some((disposition) => disposition.code === code);
  }

  /** Replaces the list (from the gateway or a policy file); an empty list is ignored. */
  replace(dispositions: Disposition[]): void {
    if (dispositions.length === 0) return;
    this.write.run(SETTING, JSON.stringify(dispositions), this.now());
    this.cached = dispositions;
  }
}
