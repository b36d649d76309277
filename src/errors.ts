/**
 * Coded errors. Adapters turn a code into a friendly reply; users never see a stack trace.
 * Expected failures in pure functions are return values, not exceptions (see parseArxivId).
 */
export type ErrorCode =
  | 'paper_not_found'
  | 'bad_format'
  | 'bad_arguments'
  | 'unknown_command'
  | 'not_allowed'
  | 'invalid_topic'
  | 'invalid_schedule'
  | 'seed_unreadable'
  | 'seed_unrecognised'
  | 'storage_unavailable'
  | 'upstream_failed'
  | 'config_invalid';

export class PaperclubError extends Error {
  readonly code: ErrorCode;
  readonly context: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaperclubError';
    this.code = code;
    this.context = context;
  }
}

export function isPaperclubError(error: unknown): error is PaperclubError {
  return error instanceof PaperclubError;
}
