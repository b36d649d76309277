/**
 * The one interaction handler, shared by the gateway and the HTTP interactions endpoint. It works on raw
 * API payloads (discord-api-types) and returns the initial response plus, when the command was deferred,
 * the work that finishes it through the interaction webhook. The transport decides how the initial
 * response travels (HTTP response body, or POST /interactions/{id}/{token}/callback).
 *
 * The 3-second rule: a command has a budget (`deferAfterMs`, default 1500 ms), counted from the moment
 * the interaction is handed in. When it finishes in time the answer IS the initial response (type 4),
 * with the Message's own visibility. When it does not, the interaction is deferred (type 5) and the
 * result replaces the "thinking…" message (PATCH /webhooks/{app}/{token}/messages/@original).
 * Commands wait for their turn in a TurnQueue (one per event-loop turn), so in a burst the loop keeps
 * reading new interactions and firing the budget timers between commands: every interaction gets its
 * initial response within the budget, however many arrived before it (without the queue a command ran
 * inline, before its timer existed, and a burst of 500 pushed initial responses past 3 s).
 * A deferred reply's visibility is fixed when deferring, before the result is known, so commands defer
 * ephemerally (private is the safe guess); a result meant for the channel then goes out as a public
 * follow-up, and the private placeholder says so. Share buttons defer publicly, because their result
 * is public by definition.
 */
import { ApplicationCommandOptionType, ComponentType, InteractionResponseType, InteractionType, Routes } from 'discord-api-types/v10';
import type {
  APIApplicationCommandAutocompleteResponse,
  APIApplicationCommandOptionChoice,
  APIInteraction,
  APIInteractionResponse,
  APIInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import type { AdapterDeps } from '../types.ts';
import type { ChannelAddress } from '../../src/channel-address.ts';
import { formatChannelAddress } from '../../src/channel-address.ts';
import type { Actor, ArgValue, CommandContext, OptionDef, ParsedArgs } from '../../src/commands/types.ts';
import { runCommand, type Invocation } from '../../src/commands/dispatch.ts';
import { autocompletePapers } from '../../src/commands/autocomplete.ts';
import type { Logger } from '../../src/log.ts';
import { sharedMessage } from '../../src/messages/cards.ts';
import type { Message } from '../../src/messages/message.ts';
import type { ButtonCommandStore } from './custom-id.ts';
import type { WebhookRest } from './webhook-rest.ts';
import { PAPER_COMMAND } from './registration.ts';
import { EPHEMERAL_FLAG, renderMessage, type DiscordMessagePayload } from './render.ts';
import { stripInvisible } from '../../src/messages/invisible.ts';
import { TurnQueue } from '../turn-queue.ts';

/** Manage Channels (1 << 4) or Administrator (1 << 3): may change this channel's topics, queue and digest. */
export const ADMIN_PERMISSIONS = (1n << 4n) | (1n << 3n);

export interface InteractionHandlerOptions {
  deps: AdapterDeps;
  /** REST client for the interaction webhook (edits and follow-ups need no bot token). */
  rest: WebhookRest;
  applicationId: string;
  buttons: ButtonCommandStore;
  /** Answer directly when the command finishes within this many ms, else defer. 0 = always defer. */
  deferAfterMs?: number;
}

export interface InteractionOutcome {
  /** The initial response: the HTTP response body, or the body POSTed to the callback route. */
  response: APIInteractionResponse;
  /** Finishes a deferred response through the webhook. Never rejects (failures are logged). */
  after?: () => Promise<void>;
}

export type InteractionHandler = (interaction: APIInteraction) => Promise<InteractionOutcome>;

/** The option shape shared by command and autocomplete payloads (values as Discord sends them). */
interface RawOption {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
  options?: RawOption[];
}

export const DEFAULT_DEFER_AFTER_MS = 1500;

export function isAdminPermissions(permissions: string | undefined): boolean {
  if (!permissions || !/^\d+$/.test(permissions)) return false;
  return (BigInt(permissions) & ADMIN_PERMISSIONS) !== 0n;
}

/** `paper club add` options → path ['club', 'add'] and args by option name. */
export function commandInvocation(options: readonly RawOption[] | undefined): { path: string[]; args: ParsedArgs; focused?: RawOption } {
  const path: string[] = [];
  let level: readonly RawOption[] = options ?? [];
  for (;;) {
    const nested = level.find((o) => o.type === ApplicationCommandOptionType.SubcommandGroup || o.type === ApplicationCommandOptionType.Subcommand);
    if (!nested) break;
    path.push(nested.name);
    level = nested.options ?? [];
  }
  const args: ParsedArgs = {};
  let focused: RawOption | undefined;
  for (const option of level) {
    if (option.focused) focused = option;
    const value = option.value;
    if (typeof value === 'string' || typeof value === 'number') args[option.name] = value as ArgValue;
    else if (typeof value === 'boolean') args[option.name] = String(value);
  }
  return focused ? { path, args, focused } : { path, args };
}

function notice(text: string): Message {
  return { visibility: 'ephemeral', summary: text, blocks: [{ type: 'text', text }] };
}

const GUILD_ONLY = notice('paperclub works in server channels: run /paper in a channel of a server that has the bot.');
const BUTTON_EXPIRED = notice('This button has expired (the bot restarted or the result is old). Run the /paper command again.');
const BUTTON_UNKNOWN = notice("This control isn't one of paperclub's, or it no longer works. Run the /paper command again.");
const POSTED_PUBLICLY = notice('Done: the answer is posted in the channel for everyone.');

export function createInteractionHandler(options: InteractionHandlerOptions): InteractionHandler {
  const { deps, rest, applicationId, buttons } = options;
  const deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  const turns = new TurnQueue();

  const render = (message: Message): DiscordMessagePayload => renderMessage(message, buttons);

  const messageResponse = (payload: DiscordMessagePayload): APIInteractionResponse => ({
    type: InteractionResponseType.ChannelMessageWithSource,
    data: payload as APIInteractionResponseCallbackData,
  });

  /** An edit cannot change flags (ephemerality is fixed); send everything else. */
  const editBody = (payload: DiscordMessagePayload) => {
    const { flags: _flags, ...rest } = payload;
    return { content: rest.content ?? '', embeds: rest.embeds, components: rest.components, allowed_mentions: rest.allowed_mentions };
  };

  const context = (interaction: APIInteraction): { channel: ChannelAddress; actor: Actor } | null => {
    const channelId = interaction.channel_id ?? interaction.channel?.id;
    if (!interaction.guild_id || !interaction.member || !channelId) return null;
    const user = interaction.member.user;
    const name = interaction.member.nick ?? user.global_name ?? user.username;
    return {
      channel: { platform: 'discord', workspace: interaction.guild_id, channel: channelId },
      actor: { id: user.id, ...(name ? { name } : {}), isAdmin: isAdminPermissions(interaction.member.permissions) },
    };
  };

  const logFor = (interaction: APIInteraction, channel?: ChannelAddress): Logger =>
    deps.log.child({ platform: 'discord', interaction: interaction.id, ...(channel ? { channel: formatChannelAddress(channel) } : {}) });

  /**
   * Runs the invocation; answers directly if it is done within the budget, else defers (publicly when
   * `share`, whose result is public) and returns the follow-up work.
   */
  const answer = async (interaction: APIInteraction, ctx: CommandContext, invocation: Invocation, share: boolean): Promise<InteractionOutcome> => {
    const running = turns
      .run(() => runCommand(deps.commands, ctx, invocation))
      .catch((error: unknown): Message => {
        ctx.log.error({ err: error }, 'command failed unexpectedly');
        return notice('Something went wrong running that command. Please try again.');
      })
      .then((message) => (share ? sharedMessage(message) : message));
    if (deferAfterMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), deferAfterMs);
      });
      const early = await Promise.race([running, timeout]);
      clearTimeout(timer);
      if (early) return { response: messageResponse(render(early)) };
    }
    const deferredEphemeral = !share;
    const webhook = { app: applicationId, token: interaction.token };
    return {
      response: {
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: deferredEphemeral ? { flags: EPHEMERAL_FLAG } : {},
      },
      after: async () => {
        const message = await running;
        const payload = render(message);
        try {
          const wantsPublic = payload.flags === undefined;
          if (!deferredEphemeral && !wantsPublic) {
            // A share deferred publicly, but the answer is private (it failed): editing would show it
            // to everyone, since an edit cannot make a message ephemeral. Remove the public "thinking…"
            // placeholder and answer the clicker privately instead.
            await rest.delete(Routes.webhookMessage(webhook.app, webhook.token, '@original'), { auth: false });
            await rest.post(Routes.webhook(webhook.app, webhook.token), { auth: false, body: payload });
            return;
          }
          await rest.patch(Routes.webhookMessage(webhook.app, webhook.token, '@original'), {
            auth: false,
            body: deferredEphemeral && wantsPublic ? editBody(render(POSTED_PUBLICLY)) : editBody(payload),
          });
          if (deferredEphemeral && wantsPublic) {
            await rest.post(Routes.webhook(webhook.app, webhook.token), { auth: false, body: payload });
          }
        } catch (error) {
          ctx.log.error({ err: error, summary: message.summary }, 'could not deliver the deferred reply to Discord');
        }
      },
    };
  };

  const onCommand = async (interaction: APIInteraction & { type: InteractionType.ApplicationCommand }): Promise<InteractionOutcome> => {
    const where = context(interaction);
    if (!where) return { response: messageResponse(render(GUILD_ONLY)) };
    const log = logFor(interaction, where.channel);
    const data = interaction.data as { name: string; type: number; options?: RawOption[] };
    if (data.name !== PAPER_COMMAND) {
      log.warn({ command: data.name }, 'interaction for a command paperclub does not define');
      return { response: messageResponse(render(notice(`paperclub only answers /${PAPER_COMMAND}. Try /${PAPER_COMMAND} help.`))) };
    }
    const { path, args } = commandInvocation(data.options);
    log.debug({ path }, 'slash command');
    const ctx: CommandContext = { actor: where.actor, channel: where.channel, log, services: deps.services };
    return answer(interaction, ctx, { kind: 'structured', path, args }, false);
  };

  const onAutocomplete = (interaction: APIInteraction & { type: InteractionType.ApplicationCommandAutocomplete }): InteractionOutcome => {
    const respond = (choices: APIApplicationCommandOptionChoice[]): InteractionOutcome => ({
      response: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } } satisfies APIApplicationCommandAutocompleteResponse,
    });
    const data = interaction.data as { name: string; options?: RawOption[] };
    const { path, focused } = commandInvocation(data.options);
    if (data.name !== PAPER_COMMAND || !focused) return respond([]);
    const option = findOption(deps, path, focused.name);
    if (option?.autocomplete !== 'paper') return respond([]);
    try {
      const partial = typeof focused.value === 'string' ? focused.value : String(focused.value ?? '');
      const choices = autocompletePapers(deps.services, partial)
        .filter((c) => c.value.length >= 1 && c.value.length <= 100)
        .slice(0, 25)
        .map((c) => ({ name: choiceName(c.name, c.value), value: c.value }));
      return respond(choices);
    } catch (error) {
      logFor(interaction).error({ err: error }, 'autocomplete failed');
      return respond([]);
    }
  };

  const onComponent = async (interaction: APIInteraction & { type: InteractionType.MessageComponent }): Promise<InteractionOutcome> => {
    const where = context(interaction);
    if (!where) return { response: messageResponse(render(GUILD_ONLY)) };
    const log = logFor(interaction, where.channel);
    const data = interaction.data as { custom_id: string; component_type: number };
    const decoded = data.component_type === ComponentType.Button ? buttons.decode(data.custom_id) : ({ kind: 'foreign' } as const);
    if (decoded.kind !== 'action') {
      log.info({ customId: data.custom_id, outcome: decoded.kind }, 'button click paperclub cannot run');
      return { response: messageResponse(render(decoded.kind === 'expired' ? BUTTON_EXPIRED : BUTTON_UNKNOWN)) };
    }
    log.debug({ command: decoded.action.command, share: decoded.action.share }, 'button click');
    const ctx: CommandContext = { actor: where.actor, channel: where.channel, log, services: deps.services };
    return answer(interaction, ctx, { kind: 'text', text: decoded.action.command }, decoded.action.share);
  };

  return async (interaction) => {
    switch (interaction.type) {
      case InteractionType.Ping:
        return { response: { type: InteractionResponseType.Pong } };
      case InteractionType.ApplicationCommand:
        return onCommand(interaction);
      case InteractionType.ApplicationCommandAutocomplete:
        return onAutocomplete(interaction);
      case InteractionType.MessageComponent:
        return onComponent(interaction);
      default:
        logFor(interaction).warn({ type: interaction.type }, 'unsupported interaction type');
        return { response: messageResponse(render(notice('paperclub does not handle this kind of interaction.'))) };
    }
  };
}

function findOption(deps: AdapterDeps, path: readonly string[], name: string): OptionDef | undefined {
  const top = deps.commands.find((c) => c.name === path[0]);
  const sub = top?.kind === 'group' ? top.subcommands.find((s) => s.name === path[1]) : top;
  return sub?.kind === 'subcommand' ? sub.options.find((o) => o.name === name) : undefined;
}

/** Choice names are plain text of 1-100 characters. */
function choiceName(name: string, value: string): string {
  const text = stripInvisible(name).replace(/\s+/g, ' ').trim() || value;
  if (text.length <= 100) return text;
  let out = '';
  for (const point of text) {
    if (out.length + point.length > 99) break;
    out += point;
  }
  return `${out}…`;
}
