/** One line of a test PDF with its look: font size, bold, left indent and extra space above it. */
export interface PdfLineSpec {
  text: string;
  /** Font size in points (default 12). */
  size?: number;
  /** Helvetica-Bold instead of Helvetica. */
  bold?: boolean;
  /** Extra left indent in points. */
  indent?: number;
  /** Extra vertical space above the line in points (a paragraph gap). */
  gapBefore?: number;
}

/**
 * Builds a minimal valid PDF (one page per entry, Helvetica and Helvetica-Bold) for tests and
 * benchmarks, so no binary fixture has to be checked in. A line is a string (12 pt, leading 14 pt;
 * an empty string is an empty line) or a `PdfLineSpec` for size, bold, indent and gaps.
 * Lines are placed absolutely from x = 72 down from y = 720. ASCII text only.
 */
export function makePdf(pages: Array<Array<string | PdfLineSpec>>, info: { title?: string; author?: string } = {}): Buffer {
  const objects: string[] = [];
  const pageIds: number[] = [];
  // 1 catalog, 2 pages, 3 font, 4 info, 5 bold font, then per page: page object + content stream
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  let next = 6;
  const pageObjs: string[] = [];
  for (const lines of pages) {
    const pageId = next++;
    const contentId = next++;
    pageIds.push(pageId);
    const ops = ['BT'];
    let y = 720;
    let first = true;
    for (const line of lines) {
      const spec = typeof line === 'string' ? { text: line } : line;
      const size = spec.size ?? 12;
      if (!first) y -= Math.round(size * 1.1666) + (spec.gapBefore ?? 0);
      first = false;
      if (!spec.text) continue;
      ops.push(`/${spec.bold ? 'F2' : 'F1'} ${size} Tf`, `1 0 0 1 ${72 + (spec.indent ?? 0)} ${y} Tm`, `(${esc(spec.text)}) Tj`);
    }
    ops.push('ET');
    const stream = ops.join('\n');
    pageObjs[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R /F2 5 0 R >> >> /Contents ${contentId} 0 R >>`;
    pageObjs[contentId] = `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`;
  }
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  objects[4] = `<< ${info.title ? `/Title (${esc(info.title)}) ` : ''}${info.author ? `/Author (${esc(info.author)}) ` : ''}/CreationDate (D:20200102030405Z) >>`;
  objects[5] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>';
  for (let i = 6; i < next; i++) objects[i] = pageObjs[i]!;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let i = 1; i < next; i++) {
    offsets[i] = Buffer.byteLength(out);
    out += `${i} 0 obj\n${objects[i]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${next}\n0000000000 65535 f \n`;
  for (let i = 1; i < next; i++) out += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${next} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
