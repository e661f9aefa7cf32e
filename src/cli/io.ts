/** What a command may touch of the outside world; tests pass their own. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal (progress bars only then). */
  readonly isTty: boolean;
  /** Today, for defaults such as "the latest complete quarter". */
  now(): Date;
  /** Set by a command that finished but must exit non-zero. */
  exitCode?: number;
}

/** A mistake in how a command was called (exit code 1). */
export class UsageError extends Error {}
