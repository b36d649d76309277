import { CITATION_FORMATS, type CitationFormat, parseCitationFormat } from '../../citations/formats.ts';
import { PaperclubError } from '../../errors.ts';

/**
 * A --format value that must name a citation format (or one of its aliases). `otherNames` are the
 * command's own formats handled before this call (export's `json`), listed in the error so it names
 * every value the command accepts.
 */
export function citationFormatOption(
  command: string,
  value: string | boolean | undefined,
  fallback: CitationFormat,
  otherNames: readonly string[] = [],
): CitationFormat {
  if (value === undefined) return fallback;
  const format = typeof value === 'string' ? parseCitationFormat(value) : null;
  if (!format) {
    throw new PaperclubError('bad_format', `unknown format "${String(value)}" for ${command}; use one of ${[...otherNames, ...CITATION_FORMATS].join(', ')}`, {
      command,
      format: value,
    });
  }
  return format;
}
