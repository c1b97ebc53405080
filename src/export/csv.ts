// A 2-D array as CSV: one line per row, every value written so it reads back to the same
// float64 (JavaScript's shortest round-trip form), non-finite values as numpy writes them.

function cell(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return String(v);
}

export function planeCsv(data: ArrayLike<number>, height: number, width: number): string {
  if (data.length !== height * width) throw new Error(`expected ${height}×${width} values, got ${data.length}`);
  const lines: string[] = [];
  for (let row = 0; row < height; row++) {
    const values: string[] = [];
    for (let col = 0; col < width; col++) values.push(cell(data[row * width + col]!));
    lines.push(values.join(','));
  }
  return lines.join('\n') + '\n';
}
