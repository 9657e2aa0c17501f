import { TemplateError } from './template-error';

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'expression'; expression: string };

const OPEN = '{{';

export function containsTemplate(text: string): boolean {
  return text.includes(OPEN);
}

/**
 * Splits "order-{{ run.input.id }}" into text and expression parts. The end
 * of an expression is the first `}}` outside string literals, comments and
 * nested braces, so JSONata object constructors and "}}" inside quotes work.
 */
export function splitTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf(OPEN, cursor);
    if (open === -1) break;
    if (open > cursor) parts.push({ kind: 'text', text: text.slice(cursor, open) });
    const close = findClose(text, open + OPEN.length);
    const expression = text.slice(open + OPEN.length, close).trim();
    if (!expression) throw new TemplateError('', `Empty template "{{ }}" in "${text}"`);
    parts.push({ kind: 'expression', expression });
    cursor = close + 2;
  }
  if (cursor < text.length) parts.push({ kind: 'text', text: text.slice(cursor) });
  return parts;
}

/** The expression when `text` is exactly one template (whitespace around allowed), else undefined. */
export function wholeTemplateExpression(parts: TemplatePart[]): string | undefined {
  const expressions = parts.filter((part) => part.kind === 'expression');
  if (expressions.length !== 1) return undefined;
  const onlyBlankText = parts.every((part) => part.kind === 'expression' || part.text.trim() === '');
  return onlyBlankText ? expressions[0].expression : undefined;
}

function findClose(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const char = text[i];
    if (char === '"' || char === "'" || char === '`') {
      i = skipQuoted(text, i);
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (char === '{') {
      depth++;
      i++;
    } else if (char === '}' && depth > 0) {
      depth--;
      i++;
    } else if (char === '}' && text[i + 1] === '}') {
      return i;
    } else {
      i++;
    }
  }
  throw new TemplateError(text.slice(from).trim(), `Unterminated template: "{{" without a closing "}}" in "${text}"`);
}

/** Index just past the closing quote; backtick names have no escapes in JSONata. */
function skipQuoted(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += quote !== '`' && text[i] === '\\' ? 2 : 1;
  return i + 1;
}
