// Pure: the i18n key and values of a workload flag (the same words on the agent's card and the board).
import type { WellbeingFlag } from '../../../common/contract/supervisor';

export function flagText(flag: WellbeingFlag): { key: string; values: Record<string, number> } {
  switch (flag.kind) {
    case 'difficultInARow':
      return { key: 'supervisor.flags.difficultInARow', values: { count: flag.count } };
    case 'noBreak':
      return { key: 'supervisor.flags.noBreak', values: { hours: Math.floor(flag.minutes / 60), minutes: flag.minutes % 60 } };
    case 'askedForMinute':
      return { key: 'supervisor.flags.askedForMinute', values: {} };
    case 'longCalls':
      return { key: 'supervisor.flags.longCalls', values: { count: flag.count } };
    case 'wrapUpBacklog':
      return { key: 'supervisor.flags.wrapUpBacklog', values: { count: flag.count } };
  }
}
