import type { Author, PaperEntry } from '../../../src/library/types.ts';
import { makeEntry } from '../../helpers/entries.ts';

const NEW_STYLE_ARXIV_ID = /^\d{4}\.\d{4,5}$/;

/**
 * A hand-built entry (the shared makeEntry) with what search reads: an id shaped like a new-style arXiv
 * id brings its DOI and abs link, authors are given as plain names. Shapes follow the real seeds.
 */
export function paper(fields: Partial<PaperEntry> & { id: string; title: string }, authors: string[] = []): PaperEntry {
  const arxivId = NEW_STYLE_ARXIV_ID.test(fields.id) ? fields.id : null;
  return makeEntry({
    kind: fields.arxivId === null ? 'web' : 'arxiv',
    authors: authors.map(toAuthor),
    arxivId,
    doi: arxivId ? `10.48550/arXiv.${arxivId}` : null,
    links: arxivId ? [{ url: `https://arxiv.org/abs/${arxivId}`, kind: 'abs' }] : [],
    sources: [{ file: 'fixture.md', line: 1, list: 'Fixture list' }],
    ...fields,
  });
}

function toAuthor(name: string): Author {
  const parts = name.trim().split(/\s+/);
  if (parts.length === 1) return { literal: name };
  return { given: parts.slice(0, -1).join(' '), family: parts[parts.length - 1]! };
}

/** A small library modelled on the real seed lists (titles, a.k.a., takeaways as the lists give them). */
export const SAMPLE: PaperEntry[] = [
  paper(
    {
      id: '2106.09685',
      title: 'LoRA: Low-Rank Adaptation of Large Language Models',
      aka: ['LoRA'],
      year: 2021,
      tags: ['PEFT'],
      takeaway: 'One rank is all you need',
      readingOrder: 11,
    },
    ['Edward Hu', 'Yelong Shen', 'Phillip Wallis'],
  ),
  paper(
    {
      id: '2305.14314',
      title: 'QLoRA: Efficient Finetuning of Quantized LLMs',
      aka: ['QLoRA'],
      year: 2023,
      tags: ['PEFT', 'LoRA'],
      takeaway: '4-bit is all you need',
      readingOrder: 12,
    },
    ['Tim Dettmers', 'Artidoro Pagnoni'],
  ),
  paper(
    {
      id: '2005.14165',
      title: 'GPT3: Language Models are Few-Shot Learners',
      year: 2020,
      takeaway: 'Unsupervised pre-training + a few examples is all you need.',
      readingOrder: 6,
    },
    ['Tom Brown', 'Benjamin Mann'],
  ),
  paper({
    id: 'gpt2-language-models-are-unsupervised-multitask-learners',
    arxivId: null,
    doi: null,
    kind: 'web',
    title: 'GPT2: Language Models are Unsupervised Multitask Learners',
    year: 2019,
    links: [{ url: 'https://cdn.openai.com/better-language-models/language_models_are_unsupervised_multitask_learners.pdf', kind: 'pdf' }],
    takeaway: 'Unsupervised pre-training is all you need?!',
    readingOrder: 5,
  }),
  paper(
    {
      id: '2205.14135',
      title: 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
      year: 2022,
      takeaway: 'For-loops in SRAM are all you need',
      readingOrder: 18,
    },
    ['Tri Dao', 'Daniel Y. Fu', 'Stefano Ermon'],
  ),
  paper(
    {
      id: '2203.15556',
      title: 'Chinchilla: Training Compute-Optimal Large Language Models',
      aka: ['Chinchilla'],
      year: 2022,
      readingOrder: 8,
      takeaway: 'Smaller models trained on more data are what you need.',
    },
    ['Jordan Hoffmann', 'Sebastian Borgeaud'],
  ),
  paper(
    {
      id: '2305.18290',
      title: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
      aka: ['DPO'],
      year: 2023,
      tags: ['Finetuning', 'DPO'],
      readingOrder: 33,
    },
    ['Rafael Rafailov', 'Archit Sharma', 'Eric Mitchell', 'Stefano Ermon'],
  ),
  paper(
    {
      id: '2403.19270',
      title: "sDPO: Don't Use Your Data All at Once",
      year: 2024,
      tags: ['DPO'],
      summary: ['The paper proposes sDPO, an extension of Direct Preference Optimization (DPO).'],
    },
    ['Dahyun Kim', 'Yungi Kim'],
  ),
  paper({ id: '2310.06825', title: 'Mistral 7B', aka: ['Mistral'], year: 2023, affiliation: 'Mistral.AI' }),
  paper({ id: '2401.04088', title: 'Mixtral of experts', aka: ['Mixtral'], year: 2024, affiliation: 'Mistral AI', tags: ['MoE'] }),
  paper(
    {
      id: '2312.00752',
      title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
      aka: ['Mamba'],
      year: 2023,
      tags: ['Architecture', 'SSM'],
    },
    ['Albert Gu', 'Tri Dao'],
  ),
  paper(
    {
      id: '2403.08763',
      title: 'Simple and Scalable Strategies to Continually Pre-train Large Language Models',
      year: 2024,
      tags: ['Continual pre-training'],
    },
    ['Adam Ibrahim', 'Benjamin Thérien', 'Timothée Lesort'],
  ),
  paper({
    id: '2310.12036',
    title: 'A General Theoretical Paradigm to Understand Learning from Human Preferences',
    aka: ['ΨPO'],
    year: 2023,
  }),
];
