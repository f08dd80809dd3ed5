// The desk below the call bar: three panes (customer, assist, work) side by side with splitters the agent
// can drag (and move with the arrow keys); widths are remembered per account. Each pane is a list of
// sections that scroll inside it, so the page itself never scrolls. In a narrow window (or at 200 % zoom)
// the panes stack and the page scrolls instead, which keeps every section reachable.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { useTranslation } from 'react-i18next';
import { layoutStorageKey, MIN_PANE_PERCENT, readLayout, STACKED_BELOW_PX, writeLayout, type PaneId } from './deskLayout';

function useNarrow(): boolean {
  const query = `(max-width: ${STACKED_BELOW_PX - 1}px)`;
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setNarrow(list.matches);
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return narrow;
}

function Pane({ id, children }: { id: PaneId; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className={`pane pane-${id}`} aria-label={t(`desk.pane.${id}`)} data-testid={`pane-${id}`}>
      {children}
    </section>
  );
}

export function Desk({ account, panes }: { account: string | undefined; panes: Record<PaneId, ReactNode> }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const key = layoutStorageKey(account);
  const saved = useMemo(() => readLayout(window.localStorage.getItem(key)), [key]);
  if (narrow) {
    return (
      <div className="desk desk-stacked">
        <Pane id="customer">{panes.customer}</Pane>
        <Pane id="assist">{panes.assist}</Pane>
        <Pane id="work">{panes.work}</Pane>
      </div>
    );
  }
  return (
    <Group
      key={key}
      className="desk"
      id="desk"
      defaultLayout={saved}
      onLayoutChanged={(layout, meta) => {
        if (!meta.isUserInteraction) return;
        const text = writeLayout(layout);
        if (text) window.localStorage.setItem(key, text);
      }}
    >
      <Panel id="customer" data-testid="slot-customer" minSize={`${MIN_PANE_PERCENT}%`} className="pane-slot">
        <Pane id="customer">{panes.customer}</Pane>
      </Panel>
      <Separator className="splitter" aria-label={t('desk.splitter', { left: t('desk.pane.customer'), right: t('desk.pane.assist') })} />
      <Panel id="assist" data-testid="slot-assist" minSize={`${MIN_PANE_PERCENT}%`} className="pane-slot">
        <Pane id="assist">{panes.assist}</Pane>
      </Panel>
      <Separator className="splitter" aria-label={t('desk.splitter', { left: t('desk.pane.assist'), right: t('desk.pane.work') })} />
      <Panel id="work" data-testid="slot-work" minSize={`${MIN_PANE_PERCENT}%`} className="pane-slot">
        <Pane id="work">{panes.work}</Pane>
      </Panel>
    </Group>
  );
}
