/**
 * The one place that loads citation-js: its core and the plugins paperclub formats with (BibTeX and
 * BibLaTeX, the CSL styles, RIS, and BibJSON, an input type the `citation-js` package registers too).
 * Not the `citation-js` package itself: it adds plugin-doi and plugin-wikidata, which fetch over the
 * network when handed a DOI or Q-id string (paperclub formats offline, from CSL objects only) and,
 * with their HTTP clients, took longer to load than everything else together. citeproc keeps a
 * processor per template inside plugin-csl, so the heavy APA style is built once.
 *
 * The CSL plugin (the APA, Vancouver and Harvard styles, with citeproc) is most of citation-js's
 * code, and a BibTeX, RIS or CSL-JSON citation never runs it: it loads with the first formatted
 * reference (`loadCitationStyles`), which took 60 ms off a one-shot `paperclub cite`.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibjson';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';

let styles: Promise<void> | undefined;

/** Registers the CSL styles with citation-js, once; later calls share the first load. */
export function loadCitationStyles(): Promise<void> {
  return (styles ??= import('@citation-js/plugin-csl').then(() => undefined));
}

/** BibTeX or BibLaTeX text as the BibTeX plugin's tokenizer reads it (raw fields, before any mapping to CSL). */
export function readBibtexEntries(text: string): Cite.BibtexEntry[] {
  return plugins.input.data(text, '@biblatex/text') as Cite.BibtexEntry[];
}

export { Cite, plugins };
