// Where a JSON text first goes wrong, as line and column.
//
// JSON.parse says *that* a text is broken, but not reliably *where*: V8 in
// Node 20 often reports only "Unexpected token '}'", Firefox and Safari word
// it differently again. A scenario author needs "line 12, column 5", so this
// small recognizer (RFC 8259 grammar, from knowledge) walks the text and stops
// at the first character that cannot continue it. It is only consulted after
// JSON.parse has failed, so it never decides what is valid on its own.

export interface JsonSyntaxError {
  /** 1-based. */
  readonly line: number;
  /** 1-based, counted in UTF-16 code units like an editor's column. */
  readonly column: number;
  readonly offset: number;
  readonly reason: string;
}

class Stop {
  constructor(readonly offset: number, readonly reason: string) {}
}

function describeChar(text: string, at: number): string {
  return at >= text.length ? 'the end of the text' : `${JSON.stringify(text[at])}`;
}

const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/**
 * One pass over the text with an explicit stack of open containers (not
 * recursion): nesting a million deep costs memory in proportion, never
 * "Maximum call stack size exceeded", and every step is linear in the text.
 */
function recognize(text: string): void {
  let i = 0;
  const fail = (reason: string): never => {
    throw new Stop(i, reason);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string): void => {
    for (const c of word) {
      if (text[i] !== c) fail(`expected ${word}, found ${describeChar(text, i)}`);
      i++;
    }
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('unterminated string: the closing " is missing');
      const c = text[i]!;
      if (c === '"') { i++; return; }
      if (c < ' ') fail('a control character (e.g. a line break) inside a string must be escaped');
      if (c === '\\') {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) { i += k; fail('\\u must be followed by four hex digits'); }
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail(`${describeChar(text, i)} cannot follow a backslash in a string`);
      } else i++;
    }
  };
  const number = (): void => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m === null || m[0] === '' || m[0] === '-') fail(`expected a value, found ${describeChar(text, i)}`);
    i += m![0].length;
  };
  /** Open containers, innermost last: '{' or '['. */
  const open: string[] = [];
  const fieldName = (): void => {
    ws();
    if (text[i] !== '"') fail(`expected a field name in double quotes, found ${describeChar(text, i)}${text[i] === '}' ? ' (a trailing comma is not allowed in JSON)' : ''}`);
    string();
    ws();
    if (text[i] !== ':') fail(`expected ':' after the field name, found ${describeChar(text, i)}`);
    i++;
  };
  /** Reads a scalar whole, or opens a container; true when the container has a first entry to read next. */
  const value = (): boolean => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) { i++; return false; }
      open.push(c);
      if (c === '{') fieldName();
      return true;
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail(`expected a value, found ${describeChar(text, i)}`);
    return false;
  };
  // After each value: the next entry of its container, or the container's end.
  for (let opened = value(); opened || open.length > 0;) {
    if (opened) { opened = value(); continue; }
    ws();
    const inObject = open[open.length - 1] === '{';
    if (text[i] === (inObject ? '}' : ']')) { i++; open.pop(); continue; }
    if (text[i] !== ',') fail(inObject ? `expected ',' or '}' after a field's value, found ${describeChar(text, i)}` : `expected ',' or ']' after a list entry, found ${describeChar(text, i)}`);
    i++;
    if (inObject) fieldName();
    else {
      ws();
      if (text[i] === ']') fail('a trailing comma is not allowed in JSON');
    }
    opened = value();
  }
  ws();
  if (i < text.length) fail(`unexpected ${describeChar(text, i)} after the end of the JSON value`);
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') { line++; lineStart = k + 1; }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * A UTF-8 byte-order mark, as some editors write at the start of a file: not
 * part of the JSON (RFC 8259 §8.1 lets a parser ignore it), so it is dropped
 * rather than reported as an invisible unexpected character.
 */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Null when `text` is short enough to read; else why not, before any of it is parsed. */
export function fileSizeProblem(text: string, max: number): string | null {
  if (text.length <= max) return null;
  const n = (x: number): string => x.toLocaleString('en-US');
  return `(file): ${n(text.length)} characters is more than a file may have (${n(max)})`;
}

/** The first syntax error in `text`, or undefined if the recognizer accepts it. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    recognize(text);
    return undefined;
  } catch (e) {
    if (!(e instanceof Stop)) return undefined;
    return { ...lineAndColumn(text, e.offset), offset: e.offset, reason: e.reason };
  }
}

/**
 * The JSON in the text of a file the lab reads (a scenario, a lesson, a lab
 * report): the byte-order mark dropped, the size checked before parsing, and
 * a syntax error located by line and column — or the errors, ready to show.
 */
export function readJsonFile(file: string, maxCharacters: number): { ok: true; json: unknown } | { ok: false; errors: string[] } {
  const text = withoutByteOrderMark(file); // the CLI reads a file as it is; a browser's text reader drops the mark itself
  const tooLarge = fileSizeProblem(text, maxCharacters);
  if (tooLarge !== null) return { ok: false, errors: [tooLarge] };
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch (e) {
    const where = findJsonSyntaxError(text);
    if (where === undefined) return { ok: false, errors: [`(file): not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
    return { ok: false, errors: [`(file) line ${where.line}, column ${where.column}: not valid JSON: ${where.reason}`] };
  }
}
