/**
 * arXiv identifiers in every form the reading lists and users use, reduced to the versionless id.
 * Expected failures are return values: `parseArxivId('nope')` is `{ ok: false }`, never a throw.
 */

export type ArxivIdResult = { ok: true; id: string; version: number | null } | { ok: false; reason: string };

// New scheme (0704 onwards): YYMM.NNNN through 1412, YYMM.NNNNN from 1501.
const NEW_ID = String.raw`(\d{2})(0[1-9]|1[0-2])\.(\d{4,5})`;
// Old scheme (9107–0703): archive[.SC]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
const OLD_ID = String.raw`([a-z]+(?:-[a-z]+)*)(\.[A-Za-z]{2})?\/(\d{7})`;
const VERSION = String.raw`(?:v(\d+))?`;

const BARE_NEW = new RegExp(`^${NEW_ID}${VERSION}$`, 'i');
const BARE_OLD = new RegExp(`^${OLD_ID}${VERSION}$`);

/** Hosts whose paths carry an arXiv id after a known prefix. */
const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org', 'browse.arxiv.org', 'ar5iv.org', 'ar5iv.labs.arxiv.org']);
const ARXIV_PATH = /^\/(?:abs|pdf|html|format|ps)\/(.+?)(?:\.pdf)?\/?$/i;
const HF_PATH = /^\/papers\/(\d{4}\.\d{4,5})(?:v\d+)?\/?$/;
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;

function bare(text: string): ArxivIdResult {
  const m = BARE_NEW.exec(text);
  if (m) {
    const [, yy, mm, num, v] = m;
    const yymm = Number(`${yy}${mm}`);
    // 4-digit numbers ran until 1412, 5-digit numbers start at 1501.
    const digitsOk = num!.length === (yymm >= 1501 ? 5 : 4);
    if (!digitsOk) return { ok: false, reason: `"${text}" has the wrong number of digits for ${yy}${mm}` };
    return { ok: true, id: `${yy}${mm}.${num}`, version: v ? Number(v) : null };
  }
  const o = BARE_OLD.exec(text);
  if (o) {
    const [, archive, subject, num, v] = o;
    const subjectClass = subject ? `.${subject.slice(1).toUpperCase()}` : '';
    return { ok: true, id: `${archive}${subjectClass}/${num}`, version: v ? Number(v) : null };
  }
  return { ok: false, reason: `"${text}" is not an arXiv id` };
}

function fromUrl(url: URL): ArxivIdResult {
  const host = url.hostname.toLowerCase();
  const path = decodeURIComponent(url.pathname);
  if (ARXIV_HOSTS.has(host)) {
    const m = ARXIV_PATH.exec(path);
    if (m) return bare(m[1]!);
  }
  if (host === 'huggingface.co' || host === 'www.huggingface.co') {
    const m = HF_PATH.exec(path);
    if (m) return bare(m[1]!);
  }
  if (host === 'doi.org' || host === 'dx.doi.org' || host === 'www.doi.org') {
    return fromDoi(path.replace(/^\//, ''));
  }
  return { ok: false, reason: `${url.href} is not an arXiv link` };
}

function fromDoi(doi: string): ArxivIdResult {
  const m = ARXIV_DOI.exec(doi.trim());
  return m ? bare(m[1]!) : { ok: false, reason: `${doi} is not an arXiv DOI` };
}

const SCHEMELESS_HOST = /^(?:www\.|export\.)?(?:arxiv\.org|huggingface\.co|doi\.org|dx\.doi\.org)\//i;

/**
 * Parses one arXiv id in any form: `2106.09685`, `2312.00752v2`, `arXiv:2312.00752v2`,
 * `https://arxiv.org/abs/…`, `arxiv.org/pdf/….pdf` (no scheme), `…/html/…v1`, `10.48550/arXiv.…`,
 * `https://doi.org/10.48550/arXiv.…`, Hugging Face paper URLs, local PDF paths (`papers/x/2201.11903.pdf`)
 * and old-style ids (`hep-th/9901001`).
 */
export function parseArxivId(input: string): ArxivIdResult {
  let text = input.trim().replace(/^<|>$/g, '');
  if (text === '') return { ok: false, reason: 'empty input' };
  text = text.replace(/^arxiv:\s*/i, '');
  const direct = bare(text);
  if (direct.ok) return direct;
  if (ARXIV_DOI.test(text)) return fromDoi(text);
  if (/^doi:\s*/i.test(text)) return fromDoi(text.replace(/^doi:\s*/i, ''));
  const withScheme = SCHEMELESS_HOST.test(text) ? `https://${text}` : text;
  if (/^https?:\/\//i.test(withScheme)) {
    try {
      return fromUrl(new URL(withScheme));
    } catch {
      return { ok: false, reason: `"${input}" is not a valid URL` };
    }
  }
  // A local file named after its arXiv id: papers/wei2023chainofthought/2201.11903.pdf
  const file = /(?:^|[\\/])([^\\/]+?)\.pdf$/i.exec(text);
  if (file) return bare(file[1]!);
  return { ok: false, reason: `"${input}" is not an arXiv id, arXiv URL or arXiv DOI` };
}

/** The versionless id, or null. Convenience for code that only needs the id. */
export function arxivIdOf(input: string): string | null {
  const result = parseArxivId(input);
  return result.ok ? result.id : null;
}

export const arxivDoi = (id: string): string => `10.48550/arXiv.${id}`;
export const arxivAbsUrl = (id: string): string => `https://arxiv.org/abs/${id}`;
export const arxivPdfUrl = (id: string): string => `https://arxiv.org/pdf/${id}`;
