// Where machine policy comes from. Each OS has its own source (registry, managed preferences, a root-owned
// file); they all hand back raw values by key, which parsePolicy checks against the one schema.

/** What one source found. `values` are raw (registry DWORDs, plist types, JSON) and not yet validated. */
export interface PolicyReading {
  /** Human-readable origin, shown in settings and diagnostics, e.g. "HKLM\\Software\\Policies\\Hearthline". */
  origin: string;
  /** null: the source does not exist on this machine (no key, no file) — not an error. */
  values: Record<string, unknown> | null;
  /** Why the source (or part of it) was ignored, in plain words. */
  problems: string[];
}

export interface PolicySource {
  readonly name: string;
  read(): Promise<PolicyReading>;
  /**
   * Calls back when the source may have changed (the caller re-reads). Returns the stop function.
   * Sources without change notification are polled by PolicyService instead.
   */
  watch?(onChange: () => void): () => void;
}
