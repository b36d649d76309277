import type { PaperEntry } from '../library/types.ts';

/** Discord caps an autocomplete choice's name at 100 characters; Slack's option text is similar. */
export const MAX_SUGGESTION_NAME = 100;

/**
 * `Title (year)`, shortened with an ellipsis inside the title so the year always survives:
 * the year is what tells "Orca" from "Orca 2" at a glance.
 */
export function suggestionName(entry: PaperEntry): string {
  const title = entry.title.replace(/\s+/g, ' ').trim();
  const suffix = entry.year === null ? '' : ` (${entry.year})`;
  const room = MAX_SUGGESTION_NAME - suffix.length;
  const shown = [...title].length <= room ? title : `${[...title].slice(0, room - 1).join('').trimEnd()}…`;
  return `${shown}${suffix}`;
}
