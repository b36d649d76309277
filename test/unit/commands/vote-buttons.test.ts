/**
 * The Vote button on every card that carries it (search results, show, alerts of library papers), run
 * through both renderers: every button survives within Slack's and Discord's limits, and each runs
 * `club vote <id>` for its own paper.
 */
import { describe, expect, it } from 'vitest';
import { ButtonCommandStore } from '../../../adapters/discord/custom-id.ts';
import { renderMessage as renderDiscord } from '../../../adapters/discord/render.ts';
import { renderMessage as renderSlack } from '../../../adapters/slack/render.ts';
import type { Message } from '../../../src/messages/message.ts';
import { unavailableStore } from '../../../src/store/unavailable.ts';
import { alertMessage } from '../../../src/topics/alert-message.ts';
import { assertWithinLimits } from '../discord/limits.ts';
import { blockKitViolations } from '../slack/block-kit-checks.ts';
import { buttonsOf, harness } from './fixtures.ts';

function bothPlatforms(message: Message): { slackValues: string[]; discordCommands: string[] } {
  const slack = renderSlack(message);
  expect(blockKitViolations(slack)).toEqual([]);
  const store = new ButtonCommandStore();
  const discord = renderDiscord(message, store);
  assertWithinLimits(discord);
  const slackValues = slack.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.flatMap((e) => (e.type === 'button' && e.value ? [e.value] : [])) : []));
  const discordCommands = discord.components.flatMap((row) => row.components.map((c) => {
    const decoded = store.decode(c.custom_id);
    return decoded.kind === 'action' ? decoded.action.command : '';
  }));
  return { slackValues, discordCommands };
}

describe('Vote buttons', () => {
  it('a full search page keeps a Show and a Vote button per result, and paging, on both platforms', async () => {
    const h = await harness({ store: unavailableStore('not needed') });
    const page = await h.run('search attention', { admin: false });
    const votes = buttonsOf(page).filter((b) => b.command.startsWith('club vote '));
    expect(votes).toHaveLength(5);
    const { slackValues, discordCommands } = bothPlatforms(page);
    for (const vote of votes) {
      expect(slackValues).toContain(vote.command);
      expect(discordCommands).toContain(vote.command);
    }
    expect(discordCommands.some((c) => c.includes('--page 2'))).toBe(true);
    await h.teardown();
  });

  it('show and a library paper\'s alert carry Vote; an alert of a paper the library lacks carries no club buttons', async () => {
    const h = await harness({ store: unavailableStore('not needed') });
    const show = await h.run('show qlora', { admin: false });
    expect(buttonsOf(show).map((b) => [b.label, b.command])).toContainEqual(['Vote', 'club vote 2305.14314']);
    expect(bothPlatforms(show).discordCommands).toContain('club vote 2305.14314');
    const paper = { arxivId: '2305.14314', version: 1, title: 'QLoRA', authors: ['Tim Dettmers'], abstract: 'x', categories: ['cs.LG'], announceType: 'new' as const, matches: [{ topic: 'qlora', terms: ['qlora'], fields: ['title' as const] }] };
    const known = alertMessage(paper, { libraryId: '2305.14314' });
    expect(buttonsOf(known).map((b) => b.command)).toEqual(['show 2305.14314', 'club add 2305.14314', 'club vote 2305.14314']);
    bothPlatforms(known);
    expect(buttonsOf(alertMessage({ ...paper, arxivId: '2509.99999' }))).toEqual([]);
    await h.teardown();
  });
});
