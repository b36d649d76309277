import { describe, expect, it } from 'vitest';
import { arxivAbsUrl, arxivDoi, arxivIdOf, parseArxivId } from '../../../src/library/arxiv-id.ts';

describe('parseArxivId', () => {
  // Every form that appears in the seed lists or that people paste.
  const forms: Array<[string, string, number | null]> = [
    ['2106.09685', '2106.09685', null],
    ['2312.00752v2', '2312.00752', 2],
    ['arXiv:2312.00752v2', '2312.00752', 2],
    ['ARXIV: 2312.00752', '2312.00752', null],
    ['https://arxiv.org/abs/2106.09685', '2106.09685', null],
    ['http://arxiv.org/abs/2208.03306', '2208.03306', null],
    ['https://arxiv.org/abs/2102.08220v1', '2102.08220', 1],
    ['https://arxiv.org/pdf/2309.11235.pdf', '2309.11235', null],
    ['https://arxiv.org/pdf/2403.13372', '2403.13372', null],
    ['https://arxiv.org/pdf/2403.13372v3.pdf', '2403.13372', 3],
    ['https://arxiv.org/html/2403.17887v1', '2403.17887', 1],
    ['arxiv.org/abs/2310.12036', '2310.12036', null],
    ['www.arxiv.org/abs/2310.12036', '2310.12036', null],
    ['https://export.arxiv.org/abs/2310.12036', '2310.12036', null],
    ['<https://arxiv.org/abs/2106.09685>', '2106.09685', null],
    ['10.48550/arXiv.2202.08906', '2202.08906', null],
    ['doi:10.48550/arXiv.2202.08906', '2202.08906', null],
    ['https://doi.org/10.48550/arXiv.2202.08906', '2202.08906', null],
    ['https://doi.org/10.48550/ARXIV.2202.08906', '2202.08906', null],
    ['papers/wei2023chainofthought/2201.11903.pdf', '2201.11903', null],
    ['https://huggingface.co/papers/2404.02575', '2404.02575', null],
    ['hep-th/9901001', 'hep-th/9901001', null],
    ['hep-th/9901001v3', 'hep-th/9901001', 3],
    ['arXiv:hep-th/9901001', 'hep-th/9901001', null],
    ['https://arxiv.org/abs/math.GT/0309136', 'math.GT/0309136', null],
    ['https://arxiv.org/abs/math.gt/0309136v1', 'math.GT/0309136', 1],
    ['0704.0001', '0704.0001', null],
    ['1412.9999', '1412.9999', null],
    ['1501.00001', '1501.00001', null],
  ];

  it.each(forms)('reads %s', (input, id, version) => {
    expect(parseArxivId(input)).toEqual({ ok: true, id, version });
  });

  const notIds = [
    '',
    '   ',
    'lora',
    '2106.096', // too few digits
    '1412.12345', // five digits before 2015
    '1501.0001', // four digits after 2014
    '2113.00001', // month 13
    'https://github.com/refuel-ai/autolabel',
    'https://crfm.stanford.edu/2023/03/13/alpaca.html',
    'https://doi.org/10.1145/3442188.3445922',
    'https://arxiv.org/list/cs.CL/recent',
    'papers/notes/summary.pdf',
  ];

  it.each(notIds)('rejects %j with a reason', (input) => {
    const result = parseArxivId(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
  });

  it('builds canonical DOIs and URLs from a versionless id', () => {
    expect(arxivDoi('2106.09685')).toBe('10.48550/arXiv.2106.09685');
    expect(arxivAbsUrl('hep-th/9901001')).toBe('https://arxiv.org/abs/hep-th/9901001');
    expect(arxivIdOf('arXiv:2312.00752v2')).toBe('2312.00752');
    expect(arxivIdOf('mamba')).toBeNull();
  });
});
