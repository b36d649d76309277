/**
 * BibTeX styles lower-case titles (`change.case$`), so words whose capitals matter must be braced.
 * Which ones: any word with a capital after its first character (`LoRA`, `GPT`-3, `BERT`, `7B`,
 * `FlashAttention`, `ΨPO`), as Zotero's BibTeX export does with its `dontProtectInitialCase`
 * preference. An initial capital alone (`Low-Rank Adaptation`) is left to the style, which keeps it
 * at the start of the title and after a colon and lower-cases it elsewhere, as sentence case wants;
 * citation-js braces every capitalised word instead.
 */

const MIXED_CASE_WORD = /(?<![\p{L}\p{N}])[\p{L}\p{N}]+\p{Lu}[\p{L}\p{N}]*/gu;

/** The words of `title` that need braces, in order. */
export function protectedWords(title: string): string[] {
  return title.match(MIXED_CASE_WORD) ?? [];
}

/**
 * The title as CSL rich text with those words in `nocase` spans, which citation-js writes as `{…}`
 * while escaping everything else for LaTeX. A title with `<` is left as plain text: it could read as
 * markup.
 */
export function titleWithProtectedWords(title: string): string {
  if (title.includes('<')) return title;
  return title.replace(MIXED_CASE_WORD, (word) => `<span class="nocase">${word}</span>`);
}
