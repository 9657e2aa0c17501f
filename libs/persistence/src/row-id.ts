import { v7 } from 'uuid';

/**
 * The id of a new run or task: a time-ordered UUID (version 7). Their
 * primary keys, `uq_tasks_run_key_item` and `task_attempts_pkey` lead with
 * these ids, so new entries land at the right edge of each index, whose
 * few pages stay in shared_buffers however long the history behind them;
 * random (version 4) ids would spread every insert over the whole index,
 * and once a history's indexes outgrow the cache each insert would read
 * pages back in (docs/adr/0029). Still 74 random bits: ids stay unguessable.
 */
export function newRowId(): string {
  return v7();
}
