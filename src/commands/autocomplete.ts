/** Paper choices as you type (Discord autocomplete): at most 25, names and values within 100 characters. */
import { clip } from '../text/clip.ts';
import type { CommandServices } from './types.ts';

export const MAX_CHOICES = 25;
const MAX_CHOICE_TEXT = 100;

export function autocompletePapers(services: CommandServices, partial: string): Array<{ name: string; value: string }> {
  // Past a few hundred characters nobody is still typing a title; answer fast instead.
  const text = partial.slice(0, 200);
  const seen = new Set<string>();
  const choices: Array<{ name: string; value: string }> = [];
  for (const { name, value } of services.search.suggest(text, MAX_CHOICES)) {
    if (seen.has(value) || value.length > MAX_CHOICE_TEXT) continue;
    seen.add(value);
    choices.push({ name: clip(name, MAX_CHOICE_TEXT) || value, value });
    if (choices.length === MAX_CHOICES) break;
  }
  return choices;
}
