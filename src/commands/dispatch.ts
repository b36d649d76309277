/**
 * The one entry point every chat adapter calls. Parses (or takes Discord's typed options), checks admin
 * rights, runs the command and turns every failure into a friendly ephemeral message. Never throws.
 * The operator CLI parses argv itself and calls `execute`, which throws, so it can exit non-zero.
 */
import { formatChannelAddress } from '../channel-address.ts';
import { PaperclubError, isPaperclubError } from '../errors.ts';
import { errorMessage } from '../messages/cards.ts';
import type { Message } from '../messages/message.ts';
import type { CommandOutcome } from '../ports.ts';
import { checkArgs } from './args.ts';
import { helpMessage } from './help-text.ts';
import { findCommand, parseOrThrow } from './parse.ts';
import type { AnywhereContext, CommandContext, CommandDef, ParsedArgs, SubcommandDef } from './types.ts';

export { parseCommandLine, type ParsedCommandLine } from './parse.ts';

export type Invocation = { kind: 'text'; text: string } | { kind: 'structured'; path: string[]; args: ParsedArgs };

function notAllowed(ctx: AnywhereContext, commandName: string): PaperclubError {
  const who =
    ctx.adminRule ??
    (ctx.channel?.platform === 'discord'
      ? 'members with the Manage Channels permission'
      : ctx.channel?.platform === 'slack'
        ? 'the admins listed in SLACK_ADMIN_USERS'
        : 'channel admins');
  return new PaperclubError('not_allowed', `Only ${who} can run \`${commandName}\`: it changes this channel's settings. Everyone can search, show and cite.`, {
    command: commandName,
  });
}

function resolve(commands: readonly CommandDef[], invocation: Invocation): { path: string[]; def: SubcommandDef; args: ParsedArgs } {
  if (invocation.kind === 'text') return parseOrThrow(commands, invocation.text);
  const { path, def } = findCommand(commands, invocation.path);
  return { path, def, args: checkArgs(path, def, invocation.args) };
}

function isEmpty(invocation: Invocation): boolean {
  return invocation.kind === 'text' ? /^\s*(?:\/?paper)?\s*$/i.test(invocation.text) : invocation.path.length === 0;
}

/**
 * Runs a resolved command: checks admin rights and that a channel command has its channel. Expected
 * failures throw PaperclubError.
 */
export async function execute(def: SubcommandDef, path: readonly string[], args: ParsedArgs, ctx: AnywhereContext): Promise<Message> {
  const commandName = path.join(' ');
  if (def.admin && !ctx.actor.isAdmin) throw notAllowed(ctx, commandName);
  const log = ctx.log.child({ command: commandName });
  if (def.scope === 'anywhere') return def.run({ ...ctx, log }, args);
  if (ctx.channel === null) {
    throw new PaperclubError(
      'bad_arguments',
      `\`${commandName}\` acts on one channel: name it with --channel <address> (slack:<team>/<channel>, discord:<guild>/<channel> or console:<name>).`,
      { command: commandName },
    );
  }
  return def.run({ ...ctx, channel: ctx.channel, log }, args);
}

export async function runCommand(commands: readonly CommandDef[], ctx: CommandContext, invocation: Invocation): Promise<Message> {
  const startedAt = performance.now();
  const log = ctx.log.child({ channel: formatChannelAddress(ctx.channel), actor: ctx.actor.id });
  // Counted under the definition's name only once it parsed: what users type never becomes a label.
  let counted = 'unknown';
  const answered = (outcome: CommandOutcome) =>
    ctx.services.metrics?.commandAnswered({ platform: ctx.channel.platform, command: counted, outcome, seconds: (performance.now() - startedAt) / 1000 });
  if (isEmpty(invocation)) {
    counted = 'help';
    answered('ok');
    return helpMessage(commands);
  }
  let commandName = invocation.kind === 'structured' ? invocation.path.join(' ') : undefined;
  try {
    const { path, def, args } = resolve(commands, invocation);
    commandName = path.join(' ');
    counted = commandName;
    const message = await execute(def, path, args, { ...ctx, log });
    log.debug({ command: commandName }, 'command answered');
    answered('ok');
    return message;
  } catch (error) {
    if (isPaperclubError(error)) {
      log.info({ command: commandName, code: error.code, context: error.context }, error.message);
    } else {
      log.error({ command: commandName, err: error }, 'command failed unexpectedly');
    }
    answered(isPaperclubError(error) ? error.code : 'failed');
    return errorMessage(error);
  }
}
