/**
 * The platform-neutral message every command returns and every job posts.
 * Renderers (adapters/slack, adapters/discord, adapters/console) turn it into Block Kit, embeds or text.
 *
 * Every string here is PLAIN TEXT, possibly untrusted (feed titles, user queries). Renderers must escape
 * it for their platform and enforce their platform's limits; nothing in core pre-escapes or truncates.
 */

export type Visibility = 'ephemeral' | 'in_channel';

/**
 * A button re-runs a /paper command line when clicked (e.g. `cite 2106.09685 apa`, `club add 2106.09685`,
 * `search lora --page 2`). `share: true` means "post this result into the channel for everyone".
 */
export interface Button {
  label: string;
  command: string;
  share?: boolean;
  style?: 'primary' | 'danger';
}

export interface Field {
  label: string;
  value: string;
  inline?: boolean;
}

export interface MessageLink {
  label: string;
  url: string;
}

/** A titled card: one paper, one alert. Slack renders it as a section, Discord as an embed. */
export interface Card {
  title: string;
  /** The title links here (abs page, DOI, web page). */
  url?: string;
  /** Byline under the title: authors, year, id. */
  subtitle?: string;
  text?: string;
  fields?: Field[];
  links?: MessageLink[];
  footer?: string;
}

export type Block =
  | { type: 'header'; text: string }
  | { type: 'card'; card: Card }
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: Field[] }
  | { type: 'links'; links: MessageLink[] }
  | { type: 'code'; text: string; language?: string }
  | { type: 'list'; items: string[]; ordered?: boolean }
  | { type: 'actions'; buttons: Button[] }
  | { type: 'context'; text: string }
  | { type: 'divider' };

export interface Message {
  visibility: Visibility;
  /** One-line plain summary: used for notifications, unfurl fallbacks and the console's first line. */
  summary: string;
  blocks: Block[];
  /** Set on the friendly answer to a failed command (errorMessage), so adapters never share or post it. */
  error?: true;
  /**
   * The answer as data, for machines: what `paperclub <command> --json` prints (the shapes in
   * docs/cli.md). Chat adapters ignore it.
   */
  data?: unknown;
  /**
   * A file-like answer (a citation, an export) that a terminal prints exactly as is, so it can be
   * piped or saved (`paperclub cite lora > lora.bib`). Chat shows the blocks instead.
   */
  document?: string;
}
