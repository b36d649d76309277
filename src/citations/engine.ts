import Cite from 'citation-js';

/**
 * The one place that loads citation-js. The `citation-js` bundle also registers plugin-doi and
 * plugin-wikidata, which fetch over the network when handed a DOI or Q-id string; paperclub formats
 * offline from CSL objects only, so those two plugins are removed on load and nothing can reach them.
 * citeproc keeps a processor per template inside plugin-csl, so the heavy APA style is built once.
 */
const NETWORK_PLUGINS = ['@doi', '@wikidata'] as const;
for (const plugin of NETWORK_PLUGINS) {
  if (Cite.plugins.has(plugin)) Cite.plugins.remove(plugin);
}

export { Cite };
