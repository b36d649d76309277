/**
 * Days on which arXiv makes no announcement (its "deferred mailings"), as YYYY-MM-DD in US Eastern.
 *
 * MAINTAINED DATA. arXiv publishes the list each year at https://info.arxiv.org/help/availability.html
 * ("On Deferred Mailings"). Its 2023 list was the observed US federal holidays MLK Day, Juneteenth,
 * Independence Day, Labor Day, Thanksgiving and Christmas, plus ad hoc days (14 June, 27 December).
 * The dates below apply that pattern, with New Year's Day, to 2025–2027, keeping only days that would
 * otherwise have an announcement (Sunday–Thursday). Ad hoc deferrals are announced on
 * status.arxiv.org and blog.arxiv.org: add them here (or pass your own list) when they happen, and
 * check this list against arXiv's page every December.
 */
export const ARXIV_HOLIDAYS: readonly string[] = [
  // 2025 (July 4 is a Friday: no announcement that day anyway)
  '2025-01-01', // New Year's Day
  '2025-01-20', // Martin Luther King Jr. Day
  '2025-06-19', // Juneteenth
  '2025-09-01', // Labor Day
  '2025-11-27', // Thanksgiving
  '2025-12-25', // Christmas
  // 2026 (Juneteenth, Independence Day (observed July 3) and Christmas fall on Fridays)
  '2026-01-01', // New Year's Day
  '2026-01-19', // Martin Luther King Jr. Day
  '2026-09-07', // Labor Day
  '2026-11-26', // Thanksgiving
  // 2027 (New Year's Day, Juneteenth (observed June 18) and Christmas (observed Dec 24) fall on Fridays)
  '2027-01-18', // Martin Luther King Jr. Day
  '2027-07-05', // Independence Day, observed (July 4 is a Sunday)
  '2027-09-06', // Labor Day
  '2027-11-25', // Thanksgiving
];
