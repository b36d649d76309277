/**
 * The contract every chat adapter passes (Slack, Discord, console): the same commands through each
 * platform's real entry point give the same answers. Each adapter supplies a driver that speaks its
 * platform (a slash command payload, an interaction, a terminal line) and flattens what came back.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PaperEntry } from '../../src/library/types.ts';
import { seedLibrary } from '../helpers/services.ts';

export interface RenderedReply {
  /** All visible text, flattened: titles, fields, code, link labels AND link URLs, button labels. */
  text: string;
  /** Button labels, in order; `click(reply, i)` presses `buttons[i]`. */
  buttons: string[];
  /** Only the invoking user sees it. */
  ephemeral: boolean;
  /** The platform payload, for driver-specific assertions. */
  raw: unknown;
}

export interface ContractDriver {
  /** Runs `/paper <text>` as a channel admin (default) or a plain member, in the driver's one channel. */
  invoke(text: string, opts?: { admin?: boolean }): Promise<RenderedReply>;
  /** Presses a button of a reply (as the user who invoked it). */
  click(reply: RenderedReply, buttonIndex: number): Promise<RenderedReply>;
  /** Everything the bot posted into the channel for everyone, oldest first. */
  posted(): Promise<RenderedReply[]>;
  close(): Promise<void>;
  /**
   * An empty line asks nothing, so it gets no answer (the console). Elsewhere an empty `/paper` is help
   * (Slack, Discord) or a one-line usage error (the CLI).
   */
  ignoresEmptyInput?: boolean;
}

/** Signs that an internal error reached a user. */
const LEAKS = [/\bat \S+ \(.*:\d+:\d+\)/, /\b(?:TypeError|ReferenceError|RangeError|SyntaxError)\b/, /\bundefined\b/, /\[object Object\]/, /\bNaN\b/];

function expectClearAnswer(reply: RenderedReply): void {
  expect(reply.text.trim().length).toBeGreaterThan(0);
  for (const leak of LEAKS) expect(reply.text).not.toMatch(leak);
}

export function buttonIndex(reply: RenderedReply, label: RegExp): number {
  const index = reply.buttons.findIndex((b) => label.test(b));
  if (index < 0) throw new Error(`no button matching ${label} among: ${reply.buttons.join(' | ')}`);
  return index;
}

export function adapterContract(name: string, makeDriver: () => Promise<ContractDriver>): void {
  describe(`adapter contract: ${name}`, () => {
    let driver: ContractDriver;
    let withAuthors: PaperEntry;

    beforeAll(async () => {
      const library = await seedLibrary();
      const found = library.entries.find((e) => e.arxivId !== null && e.authors.length >= 2 && 'family' in e.authors[0]!);
      if (!found) throw new Error('the seed library has arXiv papers with authors');
      withAuthors = found;
    });
    beforeEach(async () => {
      driver = await makeDriver();
    });
    afterEach(async () => {
      await driver.close();
    });

    it('search puts the paper people mean first', async () => {
      const reply = await driver.invoke('search lora');
      expect(reply.ephemeral).toBe(true);
      expect(reply.text).toContain('LoRA: Low-Rank Adaptation of Large Language Models');
      const first = await driver.click(reply, buttonIndex(reply, /^Show/));
      expect(first.text).toContain('LoRA: Low-Rank Adaptation of Large Language Models');
      expect(first.text).toContain('2106.09685');
    });

    it('show has the title, authors and links', async () => {
      const reply = await driver.invoke(`show ${withAuthors.arxivId}`);
      expect(reply.text).toContain(withAuthors.title.slice(0, 40));
      const firstAuthor = withAuthors.authors[0]!;
      expect(reply.text).toContain('family' in firstAuthor ? firstAuthor.family : '');
      expect(reply.text).toContain(`arxiv.org/abs/${withAuthors.arxivId}`);
      expect(reply.text).toContain(`arxiv.org/pdf/${withAuthors.arxivId}`);
      expect(reply.buttons.some((b) => /cite/i.test(b))).toBe(true);
    });

    it('cite gives BibTeX with the arXiv eprint by default', async () => {
      const reply = await driver.invoke('cite 1706.03762');
      expect(reply.text).toMatch(/@\w+\{/);
      expect(reply.text).toMatch(/eprint\s*=\s*\{?1706\.03762/);
    });

    it('a cite-format button gives that format', async () => {
      const bibtex = await driver.invoke('cite 1706.03762');
      const apa = await driver.click(bibtex, buttonIndex(bibtex, /^APA$/));
      expect(apa.text).toContain('Attention Is All You Need');
      expect(apa.text).toContain('10.48550/arXiv.1706.03762');
      expect(apa.text).not.toMatch(/@\w+\{/);
    });

    it('share posts the result into the channel for everyone', async () => {
      const reply = await driver.invoke('show 1706.03762');
      await driver.click(reply, buttonIndex(reply, /share/i));
      const posts = await driver.posted();
      expect(posts).toHaveLength(1);
      expect(posts[0]!.ephemeral).toBe(false);
      expect(posts[0]!.text).toContain('Attention Is All You Need');
    });

    it('an unknown subcommand gets a friendly suggestion', async () => {
      const reply = await driver.invoke('serch lora');
      expect(reply.ephemeral).toBe(true);
      expect(reply.text).toContain('Did you mean');
      expect(reply.text).toContain('search');
      expectClearAnswer(reply);
    });

    it('an unknown id gets a friendly answer', async () => {
      const reply = await driver.invoke('show 2999.99999');
      expect(reply.ephemeral).toBe(true);
      expect(reply.text).toContain('No paper in the library matches');
      expectClearAnswer(reply);
    });

    it('a member may not add topics; nothing is stored', async () => {
      const refused = await driver.invoke('topics add rope', { admin: false });
      expect(refused.ephemeral).toBe(true);
      expect(refused.text).toMatch(/Only .* can run `?topics add/);
      const list = await driver.invoke('topics list', { admin: false });
      expect(list.text).toContain('no topics yet');
    });

    it('an admin adds a topic and everyone sees it listed', async () => {
      const added = await driver.invoke('topics add "mixture of experts"');
      expect(added.text).toContain('Now tracking "mixture of experts"');
      const list = await driver.invoke('topics list', { admin: false });
      expect(list.text).toContain('"mixture of experts"');
    });

    it('hostile input gets a clear answer and pings nobody', async () => {
      const hostile = [
        'search @everyone @here',
        'search <!channel> <!here> <@U012AB3CD> <!subteam^S123>',
        'search **bold** _it_ ~~x~~ `code` [click](https://evil.example) > quote',
        `search ${'a'.repeat(10_000)}`,
        `show ${'<!channel>'.repeat(1_000)}`,
        '',
        'topics add <!channel>',
      ];
      for (const text of hostile) {
        const reply = await driver.invoke(text, { admin: false });
        if (text === '' && driver.ignoresEmptyInput) {
          expect(reply.text).toBe('');
          continue;
        }
        expectClearAnswer(reply);
        expect(reply.ephemeral).toBe(true);
        expect(reply.text.length).toBeLessThan(20_000);
      }
      expect(await driver.posted()).toEqual([]);
    });

    it('bidi overrides and zero-width characters in user text never reach the chat', async () => {
      const reply = await driver.invoke('search lo\u200Bra \u202Efdp.exe\u202C \u2066x\u2069 \uFEFF', { admin: false });
      expectClearAnswer(reply);
      // Only what is shown; button values keep the command line exactly as typed, to re-run it.
      expect(reply.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\uFEFF]/);
      expect(reply.text).toContain('lora fdp.exe x');
    });
  });
}
