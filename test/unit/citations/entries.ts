/**
 * Hand-built PaperEntry values modelled on real entries of the seed lists (seeds/000 Chicago list,
 * seeds/001 notes with BibTeX, seeds/000's Reddit post), plus an old-style arXiv id and a non-arXiv DOI
 * the seeds don't contain, built with the shared makeEntry. They exercise the pure citation logic
 * without the importers.
 */
import { makeEntry } from '../../helpers/entries.ts';

const YI_PEOPLE = [
  'Alex Young', 'Bei Chen', 'Chao Li', 'Chengen Huang', 'Ge Zhang', 'Guanwei Zhang', 'Heng Li', 'Jiangcheng Zhu',
  'Jianqun Chen', 'Jing Chang', 'Kaidong Yu', 'Peng Liu', 'Qiang Liu', 'Shawn Yue', 'Senbin Yang', 'Shiming Yang',
  'Tao Yu', 'Wen Xie', 'Wenhao Huang', 'Xiaohui Hu', 'Xiaoyi Ren', 'Xinyao Niu', 'Pengcheng Nie', 'Yuchi Xu',
  'Yudong Liu', 'Yue Wang', 'Yuxuan Cai', 'Zhenyu Gu', 'Zhiyuan Liu', 'Zonghong Dai',
].map((name) => {
  const [given, family] = name.split(' ') as [string, string];
  return { given, family };
});

/** seeds/001: 31 authors, the first an organisation. */
export const yi = makeEntry({
  id: '2403.04652',
  title: 'Yi: Open Foundation Models by 01.AI',
  authors: [{ literal: '01.AI' }, ...YI_PEOPLE],
  year: 2024,
  date: '2024-03-07',
  arxivId: '2403.04652',
  doi: '10.48550/arXiv.2403.04652',
  primaryCategory: 'cs.CL',
  categories: ['cs.CL', 'cs.AI'],
  links: [{ url: 'papers/ai2024yi/2403.04652.pdf', kind: 'local' }],
});

/** seeds/001 and seeds/003. */
export const chainOfThought = makeEntry({
  id: '2201.11903',
  title: 'Chain-of-Thought Prompting Elicits Reasoning in Large Language Models',
  authors: [
    { given: 'Jason', family: 'Wei' },
    { given: 'Xuezhi', family: 'Wang' },
    { given: 'Dale', family: 'Schuurmans' },
    { given: 'Maarten', family: 'Bosma' },
    { given: 'Brian', family: 'Ichter' },
    { given: 'Fei', family: 'Xia' },
    { given: 'Ed', family: 'Chi' },
    { given: 'Quoc', family: 'Le' },
    { given: 'Denny', family: 'Zhou' },
  ],
  year: 2022,
  date: '2022-01-28',
  arxivId: '2201.11903',
  doi: '10.48550/arXiv.2201.11903',
  primaryCategory: 'cs.CL',
});

/** seeds/000, Chicago style: date only to the day, no category known. */
export const stMoe = makeEntry({
  id: '2202.08906',
  title: 'ST-MoE: Designing Stable and Transferable Sparse Expert Models',
  authors: [
    { given: 'Barret', family: 'Zoph' },
    { given: 'Irwan', family: 'Bello' },
    { given: 'Sameer', family: 'Kumar' },
  ],
  year: 2022,
  date: '2022-04-29',
  arxivId: '2202.08906',
  doi: '10.48550/arXiv.2202.08906',
  links: [{ url: 'https://doi.org/10.48550/arXiv.2202.08906', kind: 'doi' }],
});

/** seeds/000: a Reddit post by a pseudonymous author, cited as a web page. */
export const dynamicRope = makeEntry({
  id: 'dynamically-scaled-rope',
  kind: 'web',
  title: 'Dynamically Scaled RoPE Further Increases Performance of Long Context LLaMA with Zero Fine-Tuning',
  authors: [{ literal: 'emozilla' }],
  year: 2023,
  date: '2023-06-30',
  links: [
    {
      url: 'https://www.reddit.com/r/LocalLLaMA/comments/14mrgpr/dynamically_scaled_rope_further_increases/',
      kind: 'discussion',
    },
  ],
});

/** A GitHub repository with no author or date. */
export const jsonformer = makeEntry({
  id: 'jsonformer',
  kind: 'web',
  title: 'Jsonformer',
  links: [{ url: 'https://github.com/1rgs/jsonformer', kind: 'code' }],
});

/** An old-style arXiv id (not in the seeds), with a name particle and an accented name. */
export const maldacena = makeEntry({
  id: 'hep-th/9711200',
  title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
  authors: [
    { given: 'Juan', family: 'Maldacena' },
    { given: 'José', family: 'Müller' },
    { given: 'Ludwig', family: 'van Beethoven' },
  ],
  year: 1997,
  date: '1997-11',
  arxivId: 'hep-th/9711200',
  doi: '10.48550/arXiv.hep-th/9711200',
  primaryCategory: 'hep-th',
});

/** A journal article known by DOI only. */
export const resnet = makeEntry({
  id: 'deep-residual-learning',
  kind: 'article',
  title: 'Deep Residual Learning for Image Recognition',
  authors: [
    { given: 'Kaiming', family: 'He' },
    { given: 'Xiangyu', family: 'Zhang' },
  ],
  year: 2016,
  doi: '10.1109/CVPR.2016.90',
});
