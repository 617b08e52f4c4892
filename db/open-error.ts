/** Why the database could not be opened, in words for the person at the screen. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: 'newer_version' | 'unknown_history' | 'not_a_database' | 'wrong_key',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}
