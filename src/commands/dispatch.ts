/**
 * The one entry point every adapter calls. Parses (or takes Discord's typed options), checks admin
 * rights, runs the command and turns every failure into a friendly ephemeral message. Never throws.
 */
import { formatChannelAddress } from '../channel-address.ts';
import { PaperclubError, isPaperclubError } from '../errors.ts';
import { errorMessage } from '../messages/cards.ts';
import type { Message } from '../messages/message.ts';
import { checkArgs } from './args.ts';
import { helpMessage } from './help-text.ts';
import { findCommand, parseOrThrow } from './parse.ts';
import type { CommandContext, CommandDef, ParsedArgs, SubcommandDef } from './types.ts';

export { parseCommandLine, type ParsedCommandLine } from './parse.ts';

export type Invocation = { kind: 'text'; text: string } | { kind: 'structured'; path: string[]; args: ParsedArgs };

function notAllowed(ctx: CommandContext, commandName: string): PaperclubError {
  const who =
    ctx.channel.platform === 'discord'
      ? 'members with the Manage Channels permission'
      : ctx.channel.platform === 'slack'
        ? 'the admins listed in SLACK_ADMIN_USERS'
        : 'channel admins';
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

export async function runCommand(commands: readonly CommandDef[], ctx: CommandContext, invocation: Invocation): Promise<Message> {
  const log = ctx.log.child({ channel: formatChannelAddress(ctx.channel), actor: ctx.actor.id });
  if (isEmpty(invocation)) return helpMessage(commands);
  let commandName = invocation.kind === 'structured' ? invocation.path.join(' ') : undefined;
  try {
    const { path, def, args } = resolve(commands, invocation);
    commandName = path.join(' ');
    if (def.admin && !ctx.actor.isAdmin) throw notAllowed(ctx, commandName);
    const message = await def.run({ ...ctx, log: log.child({ command: commandName }) }, args);
    log.debug({ command: commandName }, 'command answered');
    return message;
  } catch (error) {
    if (isPaperclubError(error)) {
      log.info({ command: commandName, code: error.code, context: error.context }, error.message);
    } else {
      log.error({ command: commandName, err: error }, 'command failed unexpectedly');
    }
    return errorMessage(error);
  }
}
