import { CITATION_FORMATS, type CitationFormat, parseCitationFormat } from '../../citations/formats.ts';
import { PaperclubError } from '../../errors.ts';

/** A --format value that must name a citation format (or one of its aliases). */
export function citationFormatOption(command: string, value: string | boolean | undefined, fallback: CitationFormat): CitationFormat {
  if (value === undefined) return fallback;
  const format = typeof value === 'string' ? parseCitationFormat(value) : null;
  if (!format) {
    throw new PaperclubError('bad_format', `unknown format "${String(value)}" for ${command}; use one of ${CITATION_FORMATS.join(', ')}`, {
      command,
      format: value,
    });
  }
  return format;
}
