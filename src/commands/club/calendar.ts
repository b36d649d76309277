/**
 * `club calendar`: the link to the channel's iCalendar feed, to subscribe to from any calendar app.
 * The URL is the secret (it names presenters), so the answer is private; `club calendar rotate`
 * (admins) replaces it and the old link stops working at once.
 */
import { calendarPath } from '../../club/calendar-token.ts';
import { calendarToken, rotateCalendarToken } from '../../club/service.ts';
import { PaperclubError } from '../../errors.ts';
import { infoMessage } from '../../messages/cards.ts';
import type { SubcommandDef } from '../types.ts';

export const clubCalendar: SubcommandDef = {
  kind: 'subcommand',
  name: 'calendar',
  scope: 'channel',
  description: "Link to the club's sessions for a calendar app",
  options: [{ name: 'action', description: 'rotate (admins): a new link, the old one stops', type: 'string', required: false, choices: ['rotate'] }],
  examples: ['club calendar', 'club calendar rotate'],
  async run(ctx, args) {
    const rotate = args.action === 'rotate';
    if (rotate && !ctx.actor.isAdmin) {
      throw new PaperclubError('not_allowed', 'Only channel admins can rotate the calendar link: everyone subscribed to the old one loses it.', { command: 'club calendar rotate' });
    }
    const { store, publicBaseUrl } = ctx.services;
    const token = rotate ? await rotateCalendarToken(store, ctx.channel) : await calendarToken(store, ctx.channel);
    const path = calendarPath(token);
    const keep = 'Keep it to the club: anyone with the link sees the sessions and presenters.';
    const lead = rotate ? 'The calendar has a new link; the old one no longer works.' : "Subscribe to the club's sessions from any calendar app (add a calendar from a URL):";
    if (!publicBaseUrl) {
      return infoMessage(`${lead}\nThe bot serves it at ${path}. Ask the operator for the bot's public address (they set PUBLIC_BASE_URL to put it here).\n${keep}`);
    }
    return infoMessage(`${lead}\n${publicBaseUrl}${path}\n${keep}`);
  },
};
