import type { CommandGroupDef } from '../types.ts';
import { topicsAdd } from './add.ts';
import { topicsList } from './list.ts';
import { topicsRemove } from './remove.ts';

export const topics: CommandGroupDef = {
  kind: 'group',
  name: 'topics',
  description: 'The topics this channel gets new-paper alerts for',
  subcommands: [topicsList, topicsAdd, topicsRemove],
};
