// Checks table: one row per check (an invariant, or a --threshold), ✓ green or ✗ red, expected vs observed and the
// detail, laid out in the width given. A failed row that does not fit goes on over indented,
// word-wrapped lines, never cut; a passing row too when asked to (there is room), else it stays on
// one line: its observed value whole when it fits, its detail cut, or left out when too little of
// it would show.
import { Box, Text } from 'ink';
import type { CheckResult } from '../../result.js';
import { checkMark, fit } from '../../report/format.js';
import { wrapWords } from '../word-wrap.js';

/** Props of {@link ChecksTable}. */
export interface ChecksTableProps {
  checks: readonly CheckResult[];
  width: number;
  /** Wrap passing rows too, rather than cut them to one line. */
  wrapPassing?: boolean | undefined;
  color: boolean;
}

/** One line of the table: the header, a check's first line (after its mark), or a continuation. */
export interface TableLine {
  kind: 'header' | 'row' | 'more';
  check?: CheckResult;
  text: string;
}

/** Columns of the ✓/✗ mark, between columns, and before a continuation line. */
const MARK = 2;
const GAP = 2;
const INDENT = 4;
/** Expected values are short formulas; a longer one is cut to keep room for what was observed. */
const MAX_EXPECTED = 24;
/** At most this share of what is left after name and expected goes to the observed column. */
const OBSERVED_SHARE = 0.6;
/** A passing row's detail cut shorter than this says nothing: the row leaves it out instead. */
const MIN_DETAIL_SHOWN = 12;

/** A line cut to `width`, ending a cut with `…`. */
function clip(text: string, width: number): string {
  return text.length <= width ? text : fit(text, width);
}

/** A passing row on one line of `body` columns: `start` whole (cut only if it alone is too wide), then what fits of the detail. */
function passingLine(start: string, detail: string, body: number): string {
  const room = body - start.length - GAP;
  if (detail.length <= room) return `${start}${' '.repeat(GAP)}${detail}`.trimEnd();
  return room >= MIN_DETAIL_SHOWN ? `${start}${' '.repeat(GAP)}${fit(detail, room)}` : clip(start.trimEnd(), body);
}

/** Column widths from the content; the observed column takes at most a share of what is left. */
function columns(checks: readonly CheckResult[], width: number): { name: number; expected: number; observed: number } {
  const widest = (texts: string[]): number => Math.max(...texts.map((text) => text.length));
  const name = widest(['check', ...checks.map((c) => c.name)]);
  const expected = Math.min(MAX_EXPECTED, widest(['expected', ...checks.map((c) => c.expected)]));
  const room = width - MARK - name - GAP - expected - GAP;
  const observed = Math.min(Math.floor(room * OBSERVED_SHARE), widest(['observed', ...checks.map((c) => c.observed)]));
  return { name, expected, observed: Math.max(1, observed) };
}

/**
 * Every line of the table at `width`, header first. A failed check (any check with `wrapPassing`)
 * whose observed value and detail do not fit beside its name and expected value takes more lines:
 * the observed value starts on the first and wraps onto indented lines, then the detail, each
 * word-wrapped at `width`.
 */
export function tableLines(checks: readonly CheckResult[], width: number, wrapPassing = false): TableLine[] {
  const cols = columns(checks, width);
  const lead = (name: string, expected: string): string => `${fit(name, cols.name)}${' '.repeat(GAP)}${fit(expected, cols.expected)}${' '.repeat(GAP)}`;
  // A value wider than its column pushes the detail right rather than lose its own end.
  const start = (c: CheckResult): string => `${lead(c.name, c.expected)}${c.observed.padEnd(cols.observed)}`;
  const body = width - MARK;
  const lines: TableLine[] = [{ kind: 'header', text: passingLine(start({ name: 'check', ok: true, expected: 'expected', observed: 'observed', detail: '' }), 'detail', body) }];
  for (const check of checks) {
    const single = `${start(check)}${' '.repeat(GAP)}${check.detail}`.trimEnd();
    if (check.observed.length <= cols.observed && single.length <= body) {
      lines.push({ kind: 'row', check, text: single });
      continue;
    }
    if (check.ok && !wrapPassing) {
      lines.push({ kind: 'row', check, text: passingLine(start(check), check.detail, body) });
      continue;
    }
    const before = lead(check.name, check.expected);
    const wide = width - INDENT;
    const [first = '', ...observed] = wrapWords(check.observed, body - before.length, wide);
    lines.push({ kind: 'row', check, text: `${before}${first}`.trimEnd() });
    for (const text of [...observed, ...wrapWords(check.detail, wide)]) lines.push({ kind: 'more', check, text: `${' '.repeat(INDENT)}${text}` });
  }
  return lines;
}

/** A header line and one or more lines per check; nothing when no checks ran. */
export function ChecksTable({ checks, width, wrapPassing, color }: ChecksTableProps): React.JSX.Element {
  if (checks.length === 0) return <Text color={color ? 'gray' : undefined}>no checks ran</Text>;
  return (
    <Box flexDirection="column" width={width}>
      {tableLines(checks, width, wrapPassing).map((line, i) => {
        if (line.kind === 'header') return <Text key={i} color={color ? 'gray' : undefined}>{`${' '.repeat(MARK)}${line.text}`}</Text>;
        if (line.kind === 'more') return <Text key={i}>{line.text}</Text>;
        const { check } = line;
        const tint = check?.skipped !== undefined ? 'gray' : check?.ok === true ? 'green' : 'red';
        return (
          <Text key={i}>
            <Text color={color ? tint : undefined} bold={color}>
              {check === undefined ? '✗ ' : `${checkMark(check)} `}
            </Text>
            {line.text}
          </Text>
        );
      })}
    </Box>
  );
}
