/** A wrong invocation: unknown flag value, control, framework, or an unreadable config or exceptions file. Exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
