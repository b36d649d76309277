import { describe, expect, it } from 'vitest';
import { decodeSlackText } from '../../../adapters/slack/command-text.ts';

describe('decodeSlackText (the text Slack sends after /paper)', () => {
  it('decodes the three entities Slack always encodes, &amp; last', () => {
    expect(decodeSlackText('topics add "Q&amp;A" -survey')).toBe('topics add "Q&A" -survey');
    expect(decodeSlackText('search &lt;!channel&gt; a&amp;lt;b')).toBe('search <!channel> a&lt;b');
  });

  it('turns links into their URL and mentions into the names people saw', () => {
    expect(decodeSlackText('cite <https://arxiv.org/abs/2106.09685|arxiv.org/abs/2106.09685> apa')).toBe('cite https://arxiv.org/abs/2106.09685 apa');
    expect(decodeSlackText('show <https://doi.org/10.48550/arXiv.2106.09685>')).toBe('show https://doi.org/10.48550/arXiv.2106.09685');
    expect(decodeSlackText('search <@U0123|ada> <@U0456> <#C0123|general> <!here> <!subteam^S1|@team>')).toBe('search @ada @U0456 #general @here @team');
    expect(decodeSlackText('search <mailto:a@b.org|a@b.org>')).toBe('search a@b.org');
  });

  it('leaves plain text alone', () => {
    expect(decodeSlackText('topics add moe OR "sparse experts"')).toBe('topics add moe OR "sparse experts"');
    expect(decodeSlackText('')).toBe('');
  });
});
