/** Collapses runs of whitespace: arXiv wraps titles and abstracts at ~80 columns. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
