import type { RenderedTask } from '@taskloom/engine';
import { assertStorable } from '../stored-value';

/** The sizes a task's rendered activation may reach, and the settings that name them. */
export interface RenderedTaskLimits {
  maxItems: number;
  /** One rendered input (a task's, an item's, a sub-workflow run's). */
  inputBytes: number;
  inputSetting: string;
  /** All of one forEach's item inputs together. */
  itemsBytes: number;
}

/**
 * Throws when a rendered activation cannot be stored: an input past its
 * limit, a fan-out past FOREACH_MAX_ITEMS or FOREACH_INPUT_MAX_BYTES, text
 * PostgreSQL refuses. Run in the expression worker before a large result is
 * copied back, and again by the caller, which also renders inline.
 */
export function checkRenderedTask(rendered: RenderedTask, limits: RenderedTaskLimits): void {
  if (rendered.outcome === 'too-many-items') {
    throw new RangeError(
      `forEach produced ${rendered.count} items; the limit is ${limits.maxItems} (FOREACH_MAX_ITEMS)`,
    );
  }
  if (rendered.outcome === 'one')
    assertStorable(rendered.rendered.input, 'input', limits.inputBytes, limits.inputSetting);
  if (rendered.outcome !== 'items') return;
  let renderedBytes = 0;
  for (const [index, item] of rendered.items.entries()) {
    const left = limits.itemsBytes - renderedBytes;
    renderedBytes += assertStorable(
      item.input,
      `input of item ${index}`,
      Math.min(limits.inputBytes, left),
      left < limits.inputBytes ? 'FOREACH_INPUT_MAX_BYTES (all items together)' : limits.inputSetting,
    );
  }
}
