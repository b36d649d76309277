import type { CommandGroupDef } from '../types.ts';
import { clubAdd } from './add.ts';
import { clubAsk, clubQuestions } from './ask.ts';
import { clubCalendar } from './calendar.ts';
import { clubDone } from './done.ts';
import { clubHistory } from './history.ts';
import { clubList } from './list.ts';
import { clubMove, clubRemove } from './move.ts';
import { clubNext } from './next.ts';
import { clubPresent, clubUnclaim } from './present.ts';
import { clubPresenters } from './presenters.ts';
import { clubSchedule } from './schedule.ts';
import { clubSkip } from './skip.ts';
import { clubUnschedule } from './unschedule.ts';
import { clubUnvote, clubVote } from './vote.ts';
import { clubVotes } from './votes.ts';

export const club: CommandGroupDef = {
  kind: 'group',
  name: 'club',
  description: "The paper club: sessions, votes, presenters, questions, the reading queue and history",
  subcommands: [
    clubNext,
    clubList,
    clubVote,
    clubUnvote,
    clubVotes,
    clubPresent,
    clubUnclaim,
    clubPresenters,
    clubAsk,
    clubQuestions,
    clubHistory,
    clubCalendar,
    clubAdd,
    clubMove,
    clubRemove,
    clubDone,
    clubSchedule,
    clubSkip,
    clubUnschedule,
  ],
};
