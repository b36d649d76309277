/** The operator capabilities an operator command needs, or a clear error where they are not wired. */
import { PaperclubError } from '../../errors.ts';
import type { AnywhereContext, OperatorServices } from '../types.ts';

export function operatorServices(ctx: AnywhereContext, command: string): OperatorServices {
  const operator = ctx.services.operator;
  if (!operator) {
    throw new PaperclubError('not_allowed', `\`${command}\` is an operator command: run it from the command line, \`paperclub ${command}\`.`, { command });
  }
  return operator;
}
