import type { z } from 'zod';

/** Stops start-up: each line names the variable and what is wrong with it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }

  static fromIssues(issues: readonly z.core.$ZodIssue[]): ConfigError {
    return new ConfigError(issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
}
