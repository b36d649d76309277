/** Dates as the lists write them, to ISO strings as precise as given. */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthNumber(name: string): number | null {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index < 0 ? null : index + 1;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `April 29, 2022` → `2022-04-29`. */
export function parseLongDate(text: string): string | null {
  const m = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s*(\d{4})\b/.exec(text);
  if (!m) return null;
  return `${m[3]}-${pad(monthNumber(m[1]!)!)}-${pad(Number(m[2]))}`;
}

/** `February. 2023`, `Oct.2023`, `Jun. 2019`, `Sept 2021` → `YYYY-MM`; a bare `2023` → `2023`. */
export function parseMonthYear(text: string): string | null {
  const t = text.trim();
  const m = /^([A-Za-z]{3,9})\.?\s*(\d{4})$/.exec(t);
  if (m) {
    const month = monthNumber(m[1]!);
    return month === null ? null : `${m[2]}-${pad(month)}`;
  }
  return /^\d{4}$/.test(t) ? t : null;
}

/** `2023-04-30` / `2023-03` prefixes in free text (`Start 2023-03`, `2023-04-30: "…"`). */
export function parseIsoDate(text: string): string | null {
  const m = /\b(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?\b/.exec(text);
  if (!m) return null;
  return m[3] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}-${m[2]}`;
}

export const yearOf = (date: string | null): number | null => (date ? Number(date.slice(0, 4)) : null);

/** More parts (YYYY-MM-DD over YYYY-MM over YYYY) is more precise. */
export const datePrecision = (date: string | null): number => (date ? date.split('-').length : 0);

/**
 * The month an arXiv paper was first submitted, read from its id: `2106.09685` → `2021-06`,
 * `hep-th/9901001` → `1999-01`. Old-style ids started in 1991 (91xx), so 91–99 are 1990s.
 */
export function arxivIdMonth(arxivId: string): string | null {
  const m = /^(\d{2})(\d{2})\.\d{4,5}$/.exec(arxivId) ?? /\/(\d{2})(\d{2})\d{3}$/.exec(arxivId);
  if (!m) return null;
  const yy = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${yy >= 91 ? 1900 + yy : 2000 + yy}-${m[2]}`;
}

/**
 * How many days before its id's month a v1 date may fall. arXiv numbers a paper by the month it is
 * announced, so a paper submitted after a month's last announcement cutoff gets the next month's id:
 * CLIP was submitted on 2021-02-26 and is 2103.00020. Only a day-precise date can show this.
 */
export const ANNOUNCEMENT_GRACE_DAYS = 7;

const DAY_MS = 86_400_000;

/** `date` is earlier than `bound`, compared at the date's own precision (`2023` is not earlier than `2023-07`). */
const earlierThan = (date: string, bound: string): boolean => date < bound.slice(0, date.length);

/** A day-precise date more than the announcement grace before the id's month. */
function beforeGrace(day: string, idMonth: string): boolean {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [iy, im] = idMonth.split('-').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d) < Date.UTC(iy, im - 1, 1) - ANNOUNCEMENT_GRACE_DAYS * DAY_MS;
}

/**
 * Null when `date` can be a date of `arxivId`'s paper, else why not: a date earlier than the month the
 * id encodes contradicts the id (a day-precise one only beyond the announcement grace). The month
 * before the id's is fine when the first version's day (`v1`, from arXiv's metadata) falls in it:
 * Motif (2310.00166) was submitted on 2023-09-29, so a list's "Sep. 2023" is right, while LoraHub's
 * "Jun. 2023" (2307.13269, v1 2023-07-25) is not.
 */
export function contradictsArxivId(date: string, arxivId: string, v1: string | null = null): string | null {
  const idMonth = arxivIdMonth(arxivId);
  if (!idMonth) return null;
  const early = date.length === 10 ? beforeGrace(date, idMonth) : earlierThan(date, idMonth) && !(v1 !== null && !earlierThan(date, v1));
  return early ? `earlier than ${idMonth}, the month arXiv id ${arxivId} encodes` : null;
}
