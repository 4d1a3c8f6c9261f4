/** Rounds for display: integers with thousands separators, small figures with a few digits. */
export function formatFigure(value: unknown): string {
  if (typeof value !== 'number') return String(value ?? '—');
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** Prints rows as an aligned plain-text table under a title. */
export function printTable(title: string, header: string[], rows: unknown[][]): void {
  const cells = [header, ...rows.map((row) => row.map(formatFigure))];
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  const out = [`\n${title}`, line(cells[0]!), widths.map((width) => '─'.repeat(width)).join('  ')];
  for (const row of cells.slice(1)) out.push(line(row));
  console.log(out.join('\n'));
}

/** A line of progress on stderr, so tables on stdout stay clean when piped. */
export function progress(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}
