/**
 * citation-js hard-wraps every RIS value at 70 characters, mid-word, and its own reader then joins the
 * pieces with a space ("Prefe rences"), so a long title would not survive a round trip. RIS readers
 * (Zotero, EndNote, citation-js) take long lines, so paperclub writes each tag on one line.
 */
const TAG_LINE = /^[A-Z][A-Z0-9] {2}-( |$)/;

export function unwrapRisLines(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    // A value of exactly 70·k characters leaves an empty piece behind; the reader would add a space.
    if (line === '') continue;
    if (lines.length > 0 && !TAG_LINE.test(line)) lines[lines.length - 1] += line;
    else lines.push(line);
  }
  return lines.join('\n');
}

/**
 * RIS dates are `YYYY/MM/DD/other`, two digits each (`2023/05/18/`), as Zotero writes them;
 * citation-js writes `2023/5/18/`.
 */
export function padRisDates(text: string): string {
  return text.replace(/^((?:DA|Y1|Y2) {2}- \d{4})\/(\d{1,2})?\/(\d{1,2})?\//gm, (_, head: string, month?: string, day?: string) => {
    const pad = (n?: string) => (n ? n.padStart(2, '0') : '');
    return `${head}/${pad(month)}/${pad(day)}/`;
  });
}
