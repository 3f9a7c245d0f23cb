/** RFC 4180 CSV writing: CRLF line ends, fields quoted when they hold `"`, `,`, CR or LF, quotes doubled. */

/** One CSV field: empty for undefined/null, quoted when needed. */
export function csvField(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV table: header line plus rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}

export { parseCsv } from '../core/csv.ts';
