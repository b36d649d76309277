import type { EnrichResult } from '../arxiv/enrich.ts';
import type { ImportReport, PaperEntry } from '../library/types.ts';
import type { Logger } from '../log.ts';
import type { PaperLookup } from '../search/resolve.ts';
import type { SearchIndex } from '../search/search-index.ts';
import type { CliIo } from './io.ts';

/** The part of the Library the CLI reads (the Library class satisfies it). */
export interface CliLibrary extends PaperLookup {
  readonly entries: readonly PaperEntry[];
  readonly report: ImportReport;
}

export interface OpenLibrary {
  library: CliLibrary;
  index: SearchIndex;
}

/** What the commands need from the outside world; bin/cli.ts wires the real ones. */
export interface CliDeps {
  /** Imports the seed lists (and the enrichment cache) and indexes them; only commands that need it call it. */
  openLibrary(): Promise<OpenLibrary>;
  enrich(library: CliLibrary, options: { force: boolean }): Promise<EnrichResult>;
  /** Runs an admin command (topics, digest, poll, status); argv starts with the command name. */
  admin(argv: string[], io: CliIo): Promise<number>;
  log: Logger;
}
