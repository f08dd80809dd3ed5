// The three panes' widths, remembered per agent (per phone account) in the window's local storage.
export const PANE_IDS = ['customer', 'assist', 'work'] as const;
export type PaneId = (typeof PANE_IDS)[number];
export type PaneLayout = Record<PaneId, number>;

export const DEFAULT_LAYOUT: PaneLayout = { customer: 30, assist: 38, work: 32 };
/** No pane narrower than this share of the desk (the panels library enforces it too). */
export const MIN_PANE_PERCENT = 18;
/** Below this width (a small window, or 200 % zoom) the panes stack and the page scrolls instead. */
export const STACKED_BELOW_PX = 960;

export function layoutStorageKey(account: string | undefined): string {
  return `hearthline.desk.layout:${account ?? 'default'}`;
}

/** A saved layout, or the default when nothing usable was saved (missing pane, nonsense numbers). */
export function readLayout(saved: string | null): PaneLayout {
  if (!saved) return { ...DEFAULT_LAYOUT };
  try {
    const parsed = JSON.parse(saved) as Record<string, unknown>;
    const sizes = PANE_IDS.map((id) => parsed[id]);
    if (!sizes.every((size): size is number => typeof size === 'number' && Number.isFinite(size) && size >= MIN_PANE_PERCENT && size <= 100)) return { ...DEFAULT_LAYOUT };
    const total = sizes.reduce((sum, size) => sum + size, 0);
    if (Math.abs(total - 100) > 1) return { ...DEFAULT_LAYOUT };
    return { customer: sizes[0]!, assist: sizes[1]!, work: sizes[2]! };
  } catch {
    return { ...DEFAULT_LAYOUT };
  }
}

/** What is stored for a layout the agent dragged to (only the three panes, rounded). */
export function writeLayout(layout: Record<string, number>): string | undefined {
  const sizes = PANE_IDS.map((id) => layout[id]);
  if (!sizes.every((size): size is number => typeof size === 'number' && Number.isFinite(size))) return undefined;
  return JSON.stringify(Object.fromEntries(PANE_IDS.map((id, index) => [id, Math.round(sizes[index]! * 10) / 10])));
}
