// Where a text stops being JSON, as a line and column: JSON.parse's messages differ between Node
// versions and some give no position at all, so the text is scanned again by the JSON grammar
// (RFC 8259) to find the first character that does not fit.

/** The first thing wrong with a JSON text, where (1-based line and column), and what usually causes it. */
export interface JsonSyntaxError {
  reason: string;
  line: number;
  column: number;
  hint?: string;
}

class Stop {
  constructor(
    readonly at: number,
    readonly reason: string,
    readonly hint?: string,
  ) {}
}

/** The first syntax error of `text`, or undefined when it is one JSON value. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let at = 0;
  const space = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const unexpected = (hint?: string): Stop => {
    if (at >= text.length) return new Stop(at, 'Unexpected end of input');
    const char = text[at]!;
    const shown = char < ' ' || char === '\u007f' ? JSON.stringify(char) : char;
    const comment = char === '/' && (text[at + 1] === '/' || text[at + 1] === '*') ? 'JSON has no comments' : undefined;
    return new Stop(at, `Unexpected token ${shown}`, comment ?? hint);
  };
  const expect = (char: string): void => {
    if (text[at] !== char) throw unexpected();
    at++;
  };
  const string = (): void => {
    const start = at;
    expect('"');
    for (;;) {
      if (at >= text.length) throw new Stop(start, 'Unterminated string');
      const char = text[at]!;
      if (char === '"') break;
      if (char < ' ') throw new Stop(at, 'Bad control character in string', 'write it escaped, like \\n');
      if (char === '\\') {
        const escape = text[at + 1];
        if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) at += 4;
        else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) throw new Stop(at + 1, `Bad escape \\${escape ?? ''} in string`);
        at++;
      }
      at++;
    }
    at++;
  };
  const digits = (): void => {
    if (!/[0-9]/.test(text[at] ?? '')) throw unexpected();
    while (/[0-9]/.test(text[at] ?? '')) at++;
  };
  const number = (): void => {
    if (text[at] === '-') at++;
    if (text[at] === '0') at++;
    else digits();
    if (text[at] === '.') {
      at++;
      digits();
    }
    if (text[at] === 'e' || text[at] === 'E') {
      at++;
      if (text[at] === '+' || text[at] === '-') at++;
      digits();
    }
  };
  const members = (close: string, member: () => void): void => {
    at++;
    space();
    if (text[at] === close) return void at++;
    for (;;) {
      member();
      space();
      if (text[at] === close) return void at++;
      expect(',');
      space();
      if (text[at] === close) throw unexpected('JSON allows no trailing comma');
    }
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      members('}', () => {
        if (text[at] !== '"') throw unexpected('a property name must be in double quotes');
        string();
        space();
        expect(':');
        value();
      });
    } else if (char === '[') members(']', value);
    else if (char === '"') string();
    else if (char === '-' || /[0-9]/.test(char ?? '')) number();
    else {
      const word = ['true', 'false', 'null'].find((literal) => literal[0] === char);
      if (word === undefined) throw unexpected();
      for (const letter of word) expect(letter);
    }
  };
  try {
    value();
    space();
    if (at < text.length) throw unexpected('nothing may follow the JSON value');
    return undefined;
  } catch (stop) {
    if (!(stop instanceof Stop)) throw stop;
    return { reason: stop.reason, ...lineAndColumn(text, stop.at), ...(stop.hint === undefined ? {} : { hint: stop.hint }) };
  }
}

/** The 1-based line and column of a position of `text`. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - (before.lastIndexOf('\n') + 1) + 1 };
}
