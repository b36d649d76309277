/** `enrich [--force]`: fill missing arXiv metadata from the arXiv API into the seeds' cache file. */
import { infoMessage } from '../../messages/cards.ts';
import type { SubcommandDef } from '../types.ts';
import { operatorServices } from './services.ts';

export const enrich: SubcommandDef = {
  kind: 'subcommand',
  name: 'enrich',
  scope: 'anywhere',
  audience: 'operator',
  description: 'Fill missing arXiv metadata (authors, dates, abstracts) into <seeds>/arxiv-cache.json',
  options: [{ name: 'force', description: 'Fetch every arXiv paper again, not only incomplete ones', type: 'boolean', required: false }],
  examples: ['enrich', 'enrich --force'],
  async run(ctx, args) {
    const result = await operatorServices(ctx, 'enrich').enrich({ force: args.force === true });
    const lines =
      result.requested === 0
        ? ['Nothing to fetch: every arXiv paper is complete or already cached.']
        : [`Asked arXiv for ${result.requested} papers, got metadata for ${result.fetched}.`];
    if (result.missing.length > 0) lines.push(`arXiv does not know: ${result.missing.join(', ')}`);
    lines.push(`Cache: ${result.cacheFile}`);
    return { ...infoMessage(lines.join('\n')), data: result };
  },
};
