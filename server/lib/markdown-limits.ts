// marked parses nested blocks recursively: ~2,000 nested `>` overflow its stack, and lists
// nested hundreds deep take minutes. Input past these limits is shown as plain text instead.

/** Deeper than any real document; quotes in quotes in lists rarely pass four. */
export const MAX_MARKDOWN_NESTING = 16;

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;

/** How many block containers (quotes, list items, indentation steps) open a line. */
function lineNesting(line: string): number {
  let depth = 0;
  let rest = line;
  for (;;) {
    const indent = /^[ \t]*/.exec(rest)![0];
    depth += Math.floor(indent.replaceAll('\t', '    ').length / 2);
    rest = rest.slice(indent.length);
    if (rest.startsWith('>')) {
      depth += 1;
      rest = rest.slice(1);
      continue;
    }
    const marker = LIST_MARKER.exec(rest);
    if (marker) {
      depth += 1;
      rest = rest.slice(marker[0].length);
      continue;
    }
    return depth;
  }
}

export function isTooNestedForMarkdown(source: string): boolean {
  let start = 0;
  while (start <= source.length) {
    const end = source.indexOf('\n', start);
    const line = source.slice(start, end === -1 ? source.length : end);
    if (lineNesting(line) > MAX_MARKDOWN_NESTING) return true;
    if (end === -1) return false;
    start = end + 1;
  }
  return false;
}
