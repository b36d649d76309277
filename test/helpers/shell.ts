/** Shell word splitting for tests that read the commands the CLI prints or the docs show. */

/** Splits a command line as a POSIX shell does: bare words, 'single quotes', "double quotes", backslashes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      word += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      let end = i + 1;
      for (; end < line.length && line[end] !== '"'; end++) word += line[end] === '\\' && end + 1 < line.length ? line[++end] : line[end];
      i = end;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
