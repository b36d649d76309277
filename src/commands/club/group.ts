import type { CommandGroupDef } from '../types.ts';
import { clubAdd } from './add.ts';
import { clubDone } from './done.ts';
import { clubList } from './list.ts';
import { clubNext } from './next.ts';

export const club: CommandGroupDef = {
  kind: 'group',
  name: 'club',
  description: "The paper club's reading queue (starts from the numbered reading list)",
  subcommands: [clubNext, clubList, clubAdd, clubDone],
};
