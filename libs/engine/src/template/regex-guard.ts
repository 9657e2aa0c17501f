/**
 * JSONata runs regular expressions with the host's backtracking engine, and a
 * pattern such as `(a+)+$` can block the event loop for minutes on a short
 * input; JSONata's timeout cannot interrupt a single regex call. This refuses
 * the classic shape of catastrophic backtracking: a repeated group that itself
 * contains repetition. It is a heuristic: it refuses a few safe patterns and
 * does not catch overlapping alternations such as `(a|a)*`.
 */
export function findNestedRepetition(source: string): string | undefined {
  // One frame per open group: does its body repeat anything?
  const groups: { start: number; repeats: boolean }[] = [{ start: 0, repeats: false }];
  let lastGroup: { start: number; repeats: boolean } | undefined;
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (char === '\\') {
      i += 2;
      lastGroup = undefined;
      continue;
    }
    if (char === '[') {
      i = skipClass(source, i);
      lastGroup = undefined;
      continue;
    }
    if (char === '(') {
      groups.push({ start: i, repeats: false });
      lastGroup = undefined;
    } else if (char === ')' && groups.length > 1) {
      lastGroup = groups.pop()!;
      if (lastGroup.repeats) groups[groups.length - 1].repeats = true;
    } else {
      const repeatLength = repetitionAt(source, i);
      if (repeatLength > 0) {
        if (lastGroup?.repeats) return source.slice(lastGroup.start, i + repeatLength);
        groups[groups.length - 1].repeats = true;
        i += repeatLength;
        lastGroup = undefined;
        continue;
      }
      lastGroup = undefined;
    }
    i++;
  }
  return undefined;
}

/** Length of an unbounded or multi-count quantifier at `i` (`*`, `+`, `{2,}`, `{1,9}`), else 0. */
function repetitionAt(source: string, i: number): number {
  const char = source[i];
  if (char === '*' || char === '+') return 1;
  if (char !== '{') return 0;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
  if (!match) return 0;
  const max = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
  return max > 1 ? match[0].length : 0;
}

function skipClass(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}
