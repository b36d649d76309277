/**
 * `show` on every paper of the real library (seeds + shipped arXiv metadata): the full card, with its
 * authors, abstract and provenance, rendered for Slack and Discord stays within each platform's limits,
 * cutting the abstract rather than failing.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ButtonCommandStore } from '../../../adapters/discord/custom-id.ts';
import { renderMessage as renderDiscord } from '../../../adapters/discord/render.ts';
import { renderMessage as renderSlack } from '../../../adapters/slack/render.ts';
import { paperButtons } from '../../../src/commands/papers.ts';
import { loadLibrary, type Library } from '../../../src/library/library.ts';
import { paperCardMessage } from '../../../src/messages/cards.ts';
import { assertWithinLimits } from '../discord/limits.ts';
import { blockKitViolations } from '../slack/block-kit-checks.ts';

const SEEDS_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'seeds');

let library: Library;
beforeAll(async () => {
  library = await loadLibrary({ seedsDir: SEEDS_DIR });
});

const showMessage = (id: string) => {
  const entry = library.get(id)!;
  return paperCardMessage(entry, { queuePosition: 2, buttons: paperButtons(entry) });
};

describe('the show card of every library paper', () => {
  it('stays within Slack’s Block Kit limits', () => {
    for (const entry of library.entries) expect(blockKitViolations(renderSlack(showMessage(entry.id))), entry.id).toEqual([]);
  });

  it('stays within Discord’s embed limits', () => {
    const store = new ButtonCommandStore(1000);
    for (const entry of library.entries) assertWithinLimits(renderDiscord(showMessage(entry.id), store));
  });

  it('shows authors, the abstract and where the data came from', () => {
    const slack = JSON.stringify(renderSlack(showMessage('1706.03762')));
    expect(slack).toContain('Vaswani, Shazeer, Parmar et al.');
    expect(slack).toContain('Abstract: The dominant sequence transduction models');
    expect(slack).toContain('compiled from public references');
    expect(slack).toContain('llm-paper-notes');
    const embed = renderDiscord(showMessage('1706.03762'), new ButtonCommandStore()).embeds[0]!;
    expect(embed.description).toContain('Abstract: The dominant sequence transduction models');
    expect(embed.fields!.map((f) => f.name)).toEqual(expect.arrayContaining(['Authors', 'Listed in', 'Data from']));
  });

  it('cuts an abstract too long for the platform at its limit, keeping the takeaway before it', () => {
    // No seed paper's card reaches the limits yet; a four-times-longer abstract does on both platforms.
    const attention = library.get('1706.03762')!;
    const long = { ...attention, abstract: Array.from({ length: 4 }, () => attention.abstract).join(' ') };
    const message = paperCardMessage(long, { buttons: paperButtons(long) });
    const slack = renderSlack(message);
    expect(blockKitViolations(slack)).toEqual([]);
    const section = (slack.blocks[0] as { text: { text: string } }).text.text;
    expect(section).toContain('Query, Key, and Value are all you need');
    expect(section).toContain('Abstract: The dominant');
    expect(section).toMatch(/…$/);
    const payload = renderDiscord(message, new ButtonCommandStore());
    assertWithinLimits(payload);
    expect(payload.embeds[0]!.description).toContain('Query, Key, and Value are all you need');
    expect(payload.embeds[0]!.description).toMatch(/…$/);
  });
});
