import { RE2JS } from 're2js';

/**
 * User regular expressions (JSONata's `/…/` literals, JSON Schema `pattern`
 * and `patternProperties`) run on RE2 (through re2js, a JavaScript port),
 * whose matching time is linear in the input: `(a|a)*$` on a long string
 * cannot backtrack for minutes as it does with the host's RegExp. RE2 has no
 * backreferences and no lookaround; patterns using them are refused when
 * compiled, which happens when a definition is registered (ADR 0015).
 */
export class UnsupportedRegexError extends Error {
  override readonly name = 'UnsupportedRegexError';

  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(
      `the regular expression /${source}/ is not supported: ${reason}. ` +
        'Regular expressions run on RE2 (linear time), which has no backreferences (\\1) and no lookahead or lookbehind',
    );
  }
}

/** Compiles `source` with JavaScript-style flags (`i`, `m`, `s`; `g`, `y`, `u` change nothing here). */
export function compileLinearRegex(source: string, flags = ''): RE2JS {
  let re2Flags = 0;
  if (flags.includes('i')) re2Flags |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) re2Flags |= RE2JS.MULTILINE;
  if (flags.includes('s')) re2Flags |= RE2JS.DOTALL;
  try {
    return RE2JS.compile(RE2JS.translateRegExp(source), re2Flags);
  } catch (error) {
    throw new UnsupportedRegexError(source, reasonOf(error));
  }
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^error parsing regexp: /, '');
}

/**
 * A RegExp look-alike on RE2, enough for JSONata (`new RegexEngine(regexp)`,
 * then `exec` from `lastIndex`) and for Ajv (`test`). Indices are UTF-16
 * offsets, as with RegExp.
 */
export class Re2RegExp extends RegExp {
  readonly #source: string;
  readonly #flags: string;
  private readonly compiled: RE2JS;

  constructor(pattern: string | RegExp, flags?: string) {
    // The host RegExp underneath matches nothing of the user's: it only makes this a RegExp to JSONata's and Ajv's types.
    super('(?:)');
    this.#source = typeof pattern === 'string' ? pattern : pattern.source;
    this.#flags = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
    this.compiled = compileLinearRegex(this.#source, this.#flags);
  }

  override get source(): string {
    return this.#source;
  }

  override get flags(): string {
    return this.#flags;
  }

  override get global(): boolean {
    return this.#flags.includes('g');
  }

  override get sticky(): boolean {
    return this.#flags.includes('y');
  }

  /** Like RegExp#exec: searches from `lastIndex` when global or sticky, and advances it past the match. */
  override exec(input: string): RegExpExecArray | null {
    const advances = this.global || this.sticky;
    const from = advances ? this.lastIndex : 0;
    if (from > input.length) {
      this.lastIndex = 0;
      return null;
    }
    const matcher = this.compiled.matcher(input);
    if (!matcher.find(from) || (this.sticky && matcher.start() !== from)) {
      if (advances) this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let group = 0; group <= matcher.groupCount(); group += 1) groups.push(matcher.group(group) ?? undefined);
    const result = Object.assign(groups, { index: matcher.start(), input }) as RegExpExecArray;
    if (advances) this.lastIndex = matcher.end();
    return result;
  }

  override test(input: string): boolean {
    if (this.global || this.sticky) return this.exec(input) !== null;
    return this.compiled.test(input);
  }

  override toString(): string {
    return `/${this.source}/${this.flags}`;
  }
}

/**
 * JSONata's `RegexEngine` option, typed as the RegExp constructor it stands
 * for: JSONata calls it with `new`, which returns the Re2RegExp built here.
 */
export const re2RegExpConstructor: RegExpConstructor = Object.assign(function re2RegExp(
  pattern: string | RegExp,
  flags?: string,
): Re2RegExp {
  return new Re2RegExp(pattern, flags);
}, RegExp);

/** Ajv's `code.regExp`: builds the matcher of a `pattern` keyword. */
export const re2RegExpEngine = Object.assign((pattern: string, flags: string) => new Re2RegExp(pattern, flags), {
  code: 'new Re2RegExp',
});
