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
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (m === null || m[0] === '' || m[0] === '-') fail(`expected a value, found ${describeChar(text, i)}`);
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail(`expected a value, found ${describeChar(text, i)}`);
  };
  const object = (): void => {
    i++;
    ws();
    if (text[i] === '}') { i++; return; }
    for (;;) {
      ws();
      if (text[i] !== '"') fail(`expected a field name in double quotes, found ${describeChar(text, i)}${text[i] === '}' ? ' (a trailing comma is not allowed in JSON)' : ''}`);
      string();
      ws();
      if (text[i] !== ':') fail(`expected ':' after the field name, found ${describeChar(text, i)}`);
      i++;
      value();
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') { i++; return; }
      fail(`expected ',' or '}' after a field's value, found ${describeChar(text, i)}`);
    }
  };
  const array = (): void => {
    i++;
    ws();
    if (text[i] === ']') { i++; return; }
    for (;;) {
      ws();
      if (text[i] === ']') fail('a trailing comma is not allowed in JSON');
      value();
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === ']') { i++; return; }
      fail(`expected ',' or ']' after a list entry, found ${describeChar(text, i)}`);
    }
  };
  value();
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

/** The first syntax error in `text`, or undefined if the recognizer accepts it. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    recognize(text);
    return undefined;
  } catch (e) {
    if (!(e instanceof Stop)) return undefined; // e.g. nesting deeper than the stack: no location to give
    return { ...lineAndColumn(text, e.offset), offset: e.offset, reason: e.reason };
  }
}
