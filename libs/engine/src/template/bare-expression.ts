import { TemplateError } from './template-error';
import { containsTemplate, splitTemplate, wholeTemplateExpression } from './template-parts';

/**
 * `when` and `forEach` hold one expression, written bare
 * (`tasks.items.output.count > 0`) or wrapped (`{{ tasks.items.output.list }}`).
 */
export function bareExpression(text: string): string {
  if (!containsTemplate(text)) {
    const trimmed = text.trim();
    if (!trimmed) throw new TemplateError(text, 'Empty expression');
    return trimmed;
  }
  const expression = wholeTemplateExpression(splitTemplate(text));
  if (expression === undefined) {
    throw new TemplateError(text, `Expected one expression, optionally wrapped in "{{ }}", but got "${text}"`);
  }
  return expression;
}
