import { describe, expect, it } from 'vitest';
import {
  changedWords,
  collapseBreaks,
  dropBrokenTrailingLink,
  repairFileText,
  repairMojibake,
  replaceNbsp,
  splitBibtexEntry,
  unescapeMarkdown,
} from '../../../src/library/repair.ts';

describe('repairMojibake (UTF-8 read as Mac Roman)', () => {
  it.each([
    ['Œ®PO', 'ΨPO'],
    ['ALiBi¬†', 'ALiBi\u00a0'],
    ['Ëó§‰∫ï', '藤井'],
    ['DR¬µGS', 'DRµGS'],
    ['Hard‚Ä¶but', 'Hard…but'],
    ['papers\uf8ffü§ó', 'papers🤗'],
    ['Ï§ëÏöîÌïú LLM Í¥ÄÎ†®', '중요한 LLM 관련'],
  ])('%s → %s', (before, after) => {
    expect(repairMojibake(before)).toBe(after);
  });

  it.each(['Thérien', 'Dániel', 'César Teodoro', 'Rozière', 'Christopher Ré', 'English→German', 'longer—on public data—is', 'model’s', '“ST-MoE”', '“École”'])(
    'leaves real text alone: %s',
    (text) => {
      expect(repairMojibake(text)).toBe(text);
    },
  );
});

describe('small repairs', () => {
  it('unescapes markdown', () => {
    expect(unescapeMarkdown('\\*Alpaca \\#Model NC univ. \\@chapel hill a\\_b')).toBe('*Alpaca #Model NC univ. @chapel hill a_b');
  });
  it('collapses <br> and </br> to one space', () => {
    expect(collapseBreaks('RWKV: <br>Reinventing RNNs')).toBe('RWKV: Reinventing RNNs');
    expect(collapseBreaks('TRAIN SHORT, TEST LONG:<br>ATTENTION</br>WITH')).toBe('TRAIN SHORT, TEST LONG: ATTENTION WITH');
  });
  it('turns non-breaking spaces into spaces', () => {
    expect(replaceNbsp('ALiBi\u00a0')).toBe('ALiBi ');
  });
  it('cuts a BibTeX entry at its closing brace', () => {
    const split = splitBibtexEntry('@misc{k,\n  title={A {B} C},\n}X\n');
    expect(split).toEqual({ entry: '@misc{k,\n  title={A {B} C},\n}', trailing: 'X\n' });
    expect(splitBibtexEntry('@misc{k, title={never closed}')).toBeNull();
  });
  it('drops a link cut off mid-URL, keeping a cut title link as text', () => {
    expect(dropBrokenTrailingLink('46. **[Survey](https://arxiv.org/pdf/2402.00838.pdf)**: [Slides](https://docs.goo')).toBe(
      '46. **[Survey](https://arxiv.org/pdf/2402.00838.pdf)**:',
    );
    expect(dropBrokenTrailingLink('46. **[Survey](https://arxiv.org/pd')).toBe('46. **Survey');
    expect(dropBrokenTrailingLink('complete [a](b)')).toBe('complete [a](b)');
  });
  it('reports the changed words of a long line', () => {
    expect(changedWords('a | ALiBi¬† | b', 'a | ALiBi\u00a0 | b')).toEqual({ before: 'ALiBi¬†', after: 'ALiBi\u00a0' });
  });
});

describe('repairFileText', () => {
  it('records one mojibake repair per garbled word with its line', () => {
    const { lines, log } = repairFileText('x.txt', 'ok\n| Œ®PO | \\#Œ®PO |\n');
    expect(lines).toEqual(['ok', '| ΨPO | \\#ΨPO |']);
    expect(log.items).toEqual([
      { source: { file: 'x.txt', line: 2 }, kind: 'mojibake', before: 'Œ®PO', after: 'ΨPO' },
      { source: { file: 'x.txt', line: 2 }, kind: 'mojibake', before: '\\#Œ®PO', after: '\\#ΨPO' },
    ]);
  });
  it('repairs a final line cut off mid-link only when the file has no final newline', () => {
    const cut = repairFileText('x.txt', 'line\n1. **[T](https://a.b/c)**: [Slides](https://docs.goo');
    expect(cut.lines[1]).toBe('1. **[T](https://a.b/c)**:');
    expect(cut.log.items.map((r) => r.kind)).toEqual(['truncated']);
    const whole = repairFileText('x.txt', 'line\n- [T](https://a.b/c)');
    expect(whole.log.items).toEqual([]);
  });
});
