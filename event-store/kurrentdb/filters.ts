import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@kurrent/kurrentdb-client';
import type { ReadAllOptions, RecordedEvent } from '../types';
import { categoryOf } from '../category';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The server filters by one thing: categories if given (narrower), else types, else just hides system events. */
export function serverFilter(options: Pick<ReadAllOptions, 'types' | 'categories'>): Filter {
  if (options.categories?.length) return streamNameFilter({ regex: `^(${options.categories.map(escapeRegex).join('|')})(-|$)` });
  if (options.types?.length) return eventTypeFilter({ regex: `^(${options.types.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}

/** The rest is checked here: system events, and types when the server filtered by category. */
export function matches(event: RecordedEvent, options: Pick<ReadAllOptions, 'types' | 'categories'>): boolean {
  if (event.type.startsWith('$') || event.streamId.startsWith('$')) return false;
  if (options.types?.length && !options.types.includes(event.type)) return false;
  if (options.categories?.length && !options.categories.includes(categoryOf(event.streamId))) return false;
  return true;
}
