// A markdown table from rows of cells: pipes escaped, newlines flattened, empty cells shown as –.

/** A table cell: pipes escaped, newlines flattened, empty shown as an en dash. */
function cell(value: string | number): string {
  const text = String(value).replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');
  return text === '' ? '–' : text;
}

/** The table: a header row, the separator, then one line per row. */
export function mdTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (values: readonly (string | number)[]): string => `| ${values.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
