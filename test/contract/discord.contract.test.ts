/**
 * The adapter contract over Discord's HTTP interactions endpoint: every `/paper <text>` becomes the
 * structured, Ed25519-signed interaction Discord would send (subcommand + typed options, built on a
 * real captured payload), POSTed into the real adapter; replies come back in the HTTP response or
 * through the fake Discord REST API (deferred edits, public follow-ups, channel posts).
 */
import { adapterContract, type ContractDriver, type RenderedReply } from './adapter-contract.ts';
import { flatten, type Sent } from './discord-reply.ts';
import { commands } from '../../src/commands/index.ts';
import { startHarness, type Harness } from '../integration/discord/harness.ts';
import { buttonClick, slashCommand, textToOptions } from '../integration/discord/payloads.ts';
import type { ApiCall } from '../integration/discord/fake-discord-api.ts';

async function discordDriver(): Promise<ContractDriver> {
  const h: Harness = await startHarness();
  const publicReplies: RenderedReply[] = [];

  /** The reply to one interaction, whether answered at once or deferred and edited. */
  const answer = async (payload: Record<string, unknown>): Promise<RenderedReply> => {
    const res = await h.send(payload);
    if (res.status !== 200) throw new Error(`interaction answered HTTP ${res.status}: ${JSON.stringify(res.body)}`);
    const body = res.body as { type: number; data?: Sent };
    let reply: RenderedReply;
    if (body.type === 4) {
      reply = flatten(body.data ?? {}, ((body.data?.flags ?? 0) & 64) !== 0);
    } else if (body.type === 5) {
      const token = payload.token as string;
      const [edit] = await h.api.waitFor(new RegExp(`^/webhooks/[^/]+/${token}/messages/@original$`));
      reply = flatten(edit!.body as Sent, ((body.data?.flags ?? 0) & 64) !== 0);
    } else {
      throw new Error(`unexpected interaction response type ${body.type}`);
    }
    if (!reply.ephemeral) publicReplies.push(reply);
    return reply;
  };

  return {
    invoke(text, opts) {
      const { path, values } = textToOptions(commands, text);
      return answer(slashCommand(path, values, { admin: opts?.admin ?? true }));
    },
    click(reply, index) {
      const raw = reply.raw as Sent;
      const button = (raw.components ?? []).flatMap((row) => row.components)[index];
      if (!button) throw new Error(`reply has no button ${index}`);
      return answer(buttonClick(button.custom_id));
    },
    async posted() {
      const isPublicPost = (c: ApiCall) =>
        c.method === 'POST' && (/^\/channels\/[^/]+\/messages$/.test(c.route) || /^\/webhooks\/[^/]+\/[^/]+$/.test(c.route));
      const viaApi = h.api.calls.filter(isPublicPost).map((c) => flatten(c.body as Sent, (((c.body as Sent).flags ?? 0) & 64) !== 0));
      return [...publicReplies, ...viaApi.filter((r) => !r.ephemeral)];
    },
    close: () => h.close(),
  };
}

adapterContract('discord', discordDriver);
