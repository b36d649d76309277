import type { CommandGroupDef } from '../types.ts';
import { digestOff } from './off.ts';
import { digestPreview } from './preview.ts';
import { digestSchedule } from './schedule.ts';

export const digest: CommandGroupDef = {
  kind: 'group',
  name: 'digest',
  description: "This channel's weekly paper-club digest",
  subcommands: [digestPreview, digestSchedule, digestOff],
};
