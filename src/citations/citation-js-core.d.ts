/**
 * The slice of @citation-js/core 0.7 that paperclub uses (with the plugins engine.ts registers).
 * citation-js ships no types; this lists only what src/citations/ and its tests call, so a wrong call
 * fails the typecheck instead of at runtime.
 */
declare module '@citation-js/core' {
  export namespace Cite {
    /** A CSL-JSON item as citation-js hands it back (loosely typed: parsers add fields freely). */
    type Data = Record<string, unknown>;

    interface OutputOptions {
      format?: 'text' | 'html' | 'rtf' | 'object' | 'string';
      type?: 'string' | 'json' | 'html';
      /** Bibliography template: 'apa' (default), 'vancouver', 'harvard1' or a registered one. */
      template?: string;
      lang?: string;
      prepend?: string | ((entry: Data) => string);
      append?: string | ((entry: Data) => string);
      nosort?: boolean;
    }

    /** One entry as the BibTeX tokenizer reads it, before any mapping to CSL. */
    interface BibtexEntry {
      type: string;
      label: string;
      /** Field names are lower-cased: `archiveprefix`, `primaryclass`, `eprint`. */
      properties: Record<string, string>;
    }
  }

  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    readonly data: Cite.Data[];
    /** 'bibtex' | 'biblatex' | 'ris' | 'data' (CSL-JSON) | 'bibliography' | 'citation' */
    format(format: string, options?: Cite.OutputOptions): string;
  }

  export const plugins: {
    /** The registered plugins' names (`@bibtex`, `@csl`, …). */
    list(): string[];
    has(name: string): boolean;
    input: {
      /** Parses `input` as the named input type (`@biblatex/text`: BibTeX text to tokenized entries). */
      data(input: unknown, type: string): unknown;
    };
  };
}

/** Registers the CSL output plugin (bibliography styles) with @citation-js/core when imported. */
declare module '@citation-js/plugin-csl';
