/** Documented, enforced limits on one workflow definition. */
export const MAX_TASKS_PER_DEFINITION = 10_000;
export const MAX_DEPENDENCIES_PER_TASK = 1_000;
/** Length of one expression: a `when`, a `forEach`, or the text inside one `{{ }}`. */
export const MAX_EXPRESSION_LENGTH = 4_096;
/** Nesting depth of any JSON value in a definition; deeper documents are refused before parsing them recursively. */
export const MAX_JSON_DEPTH = 64;
/** Node timers fire at once for anything longer than a signed 32-bit millisecond count. */
export const MAX_DURATION_MS = 2_147_483_647;
export const MAX_RETRY_ATTEMPTS = 100;

export const DEFAULT_TIMEOUT_MS = 30_000;
