/**
 * arXiv category names as used by `cat:` and by the feed URLs: an archive (`cs`, `hep-th`) or an
 * archive plus subject class (`cs.CL`, `math.QA`, `physics.acc-ph`). Validated against the archive
 * list so a typo is caught at `topics add`, not at poll time.
 */

const ARCHIVES: ReadonlySet<string> = new Set([
  'astro-ph', 'cond-mat', 'cs', 'econ', 'eess', 'gr-qc', 'hep-ex', 'hep-lat', 'hep-ph', 'hep-th',
  'math', 'math-ph', 'nlin', 'nucl-ex', 'nucl-th', 'physics', 'q-bio', 'q-fin', 'quant-ph', 'stat',
]);

const SHAPE = /^([a-z]+(?:-[a-z]+)?)(?:\.([a-z]{2}|[a-z]+-[a-z]+))?$/i;

/** `cs.cl` → `cs.CL`; `physics.acc-ph` stays lower case; null when it is not an arXiv category. */
export function normalizeCategory(input: string): string | null {
  const m = SHAPE.exec(input.trim());
  if (!m) return null;
  const archive = m[1]!.toLowerCase();
  if (!ARCHIVES.has(archive)) return null;
  const subject = m[2];
  if (subject === undefined) return archive;
  // Two-letter subject classes are upper case (cs.CL, math.QA); physics' hyphenated ones are lower.
  return `${archive}.${subject.includes('-') ? subject.toLowerCase() : subject.toUpperCase()}`;
}

/** True when `category` (from a feed item) falls under `wanted` (`cs` covers `cs.CL`). */
export function categoryCovers(wanted: string, category: string): boolean {
  return category === wanted || category.startsWith(`${wanted}.`);
}

/** Every `cat:` value that covers `category` (see categoryCovers): `cs.CL` → `cs.CL`, `cs`. */
export function categoriesCovering(category: string): string[] {
  const covering = [category];
  for (let dot = category.indexOf('.'); dot >= 0; dot = category.indexOf('.', dot + 1)) covering.push(category.slice(0, dot));
  return covering;
}
