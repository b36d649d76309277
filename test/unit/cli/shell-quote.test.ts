/** The shell commands the CLI shows for buttons: the shell must read back exactly the words we meant. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../../adapters/cli/output.ts';

/** What bash makes of the quoted words: one argument per line, as printf receives them. */
function bashReadsBack(words: string[]): string[] {
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${words.map(shellQuote).join(' ')}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  it('leaves safe words bare and single-quotes the rest', () => {
    expect(shellQuote('2106.09685')).toBe('2106.09685');
    expect(shellQuote('slack:T1/C1')).toBe('slack:T1/C1');
    expect(shellQuote('mixture of experts')).toBe("'mixture of experts'");
  });

  it('shows invisible and bidi characters as \\u escapes instead of printing them', () => {
    const quoted = shellQuote('lo\u200Bra \u202Efdp.exe\u202C');
    expect(quoted).toBe("$'lo\\u200bra \\u202efdp.exe\\u202c'");
    expect(quoted).not.toMatch(/[\u200B\u202A-\u202E]/);
  });

  it('round-trips through bash, quotes, backslashes, newlines and invisible characters included', () => {
    const words = ['plain', "it's", 'a\\b', 'two words', 'lo\u200Bra', '\u202Eexe.jpg\u202C', "x'\u2066y\\\u2069", 'line\nbreak', '$HOME `id`'];
    expect(bashReadsBack(words)).toEqual(words);
  });
});
