import type { Briefing } from '@lianyan/shared';
import { A4, createPdf, readImage, shownSize, textWidth, wrapText, type PdfColor, type PdfImage, type PdfPage } from '#lib/pdf';
import { attendanceRate, briefingFacts, briefingFooter } from './briefing-print.ts';

// The briefing (活动简报) as a PDF for the record bundle: what the printable page shows, laid out on A4 pages.

const MARGIN = 40;
const TOP = A4.height - 46;
const BOTTOM = 52;
const WIDTH = A4.width - 2 * MARGIN;
const ACCENT: PdfColor = [0.18, 0.44, 0.87];
const BORDER = 0.6;
const SHADE = 0.94;
const MUTED = 0.35;
const BODY = 10.5;
const LEAD = 16;
const PHOTO_GAP = 12;
const PHOTO_HEIGHT = 170;

export function renderBriefingPdf(b: Briefing, options: { photos: ReadonlyMap<string, Buffer>; photoFolder: string }): Buffer {
  const doc = createPdf({ title: `活动简报：${b.session.title}`, created: new Date(b.generatedAt) });
  let page: PdfPage = doc.addPage();
  let y = TOP;
  const pages = [page];
  const newPage = () => {
    page = doc.addPage();
    pages.push(page);
    y = TOP;
  };
  /** Starts a new page unless `height` more points fit on this one. */
  const room = (height: number) => {
    if (y - height < BOTTOM && y < TOP) newPage();
  };
  const centered = (text: string, size: number, options: { color?: PdfColor; bold?: boolean } = {}) =>
    page.text((A4.width - textWidth(text, size)) / 2, y, text, { size, ...options });

  const heading = (text: string) => {
    room(24 + 3 * LEAD);
    y -= 24;
    page.rect(MARGIN, y - 2, 3.5, 14, { fill: ACCENT });
    page.text(MARGIN + 9, y, text, { size: 13, bold: true });
    y -= 10;
  };

  /** A bordered table whose cells wrap; `header` repeats at the top of each page. */
  const table = (columns: { width: number; align?: 'right' }[], header: string[] | undefined, rows: string[][]) => {
    const pad = 5;
    const draw = (cells: string[], shade: boolean) => {
      const wrapped = cells.map((c, i) => wrapText(c, BODY, (columns[i]?.width ?? 0) - 2 * pad));
      const height = Math.max(...wrapped.map((l) => l.length)) * LEAD + 6;
      if (y - height < BOTTOM && y < TOP) {
        newPage();
        if (header && !shade) draw(header, true);
      }
      let x = MARGIN;
      wrapped.forEach((lines, i) => {
        const column = columns[i] ?? { width: 0 };
        page.rect(x, y - height, column.width, height, { stroke: BORDER, ...(shade || (i === 0 && !header) ? { fill: SHADE } : {}) });
        lines.forEach((line, n) => {
          const left = column.align === 'right' ? x + column.width - pad - textWidth(line, BODY) : x + pad;
          page.text(left, y - 15 - n * LEAD, line, { size: BODY, bold: shade });
        });
        x += column.width;
      });
      y -= height;
    };
    if (header) {
      room(2 * (LEAD + 6));
      draw(header, true);
    }
    for (const row of rows) draw(row, false);
  };

  // Title and facts.
  y -= 18;
  centered('活动简报', 22, { bold: true });
  y -= 8;
  for (const line of wrapText(b.session.title, 13, WIDTH)) {
    y -= 18;
    centered(line, 13, { color: MUTED });
  }
  y -= 14;
  table([{ width: 72 }, { width: WIDTH - 72 }], undefined, briefingFacts(b));

  // Attendance, as the roster counts it.
  const f = b.figures;
  heading('出勤情况');
  y -= 8;
  room(30);
  page.rect(MARGIN, y - 22, WIDTH, 26, { fill: [0.95, 0.97, 1], stroke: BORDER });
  page.text(MARGIN + 10, y - 14, `签到 ${f.signedIn} / 应到 ${f.expected} / 迟到 ${f.late} / 出勤率 ${attendanceRate(f)}`, { size: 13, bold: true });
  y -= 34;
  const n = { width: 64, align: 'right' as const };
  table(
    [{ width: WIDTH - 3 * n.width }, n, n, n],
    ['学校', '应到', '实到', '迟到'],
    f.bySchool.map((r) => [r.schoolName, String(r.expected), String(r.signedIn), String(r.late)]),
  );

  // Photos, two to a row; what PDF cannot show without decoding stays in the photo folder only.
  if (b.photos.length) {
    heading('活动剪影');
    const shown: { image: PdfImage; caption: string }[] = [];
    for (const p of b.photos) {
      const data = options.photos.get(p.id);
      const image = data && readImage(data);
      if (image) shown.push({ image, caption: p.caption ?? '' });
    }
    const cell = (WIDTH - PHOTO_GAP) / 2;
    for (let i = 0; i < shown.length; i += 2) {
      const row = shown.slice(i, i + 2).map(({ image, caption }) => {
        const size = shownSize(image);
        const scale = Math.min(cell / size.width, PHOTO_HEIGHT / size.height);
        return { image, w: size.width * scale, h: size.height * scale, caption: caption ? wrapText(caption, 9, cell) : [] };
      });
      const height = Math.max(...row.map((p) => p.h + p.caption.length * 12)) + 12;
      room(height);
      row.forEach((p, k) => {
        const left = MARGIN + k * (cell + PHOTO_GAP);
        page.image(p.image, left + (cell - p.w) / 2, y - p.h, p.w, p.h);
        page.rect(left + (cell - p.w) / 2, y - p.h, p.w, p.h, { stroke: 0.8 });
        p.caption.forEach((line, c) => page.text(left + (cell - textWidth(line, 9)) / 2, y - p.h - 11 - c * 12, line, { size: 9, color: MUTED }));
      });
      y -= height;
    }
    const skipped = b.photos.length - shown.length;
    if (skipped) {
      room(LEAD);
      y -= LEAD;
      page.text(MARGIN, y, `（另有 ${skipped} 张照片未能放入 PDF，见 ${options.photoFolder} 文件夹）`, { size: 9, color: MUTED });
    }
  }

  // Published excerpts, word for word, with name and school.
  if (b.excerpts.length) {
    heading('心得摘录');
    for (const e of b.excerpts) {
      const lines = wrapText(e.text, BODY, WIDTH - 14);
      y -= 4;
      lines.forEach((line, i) => {
        room(i === lines.length - 1 ? 2 * LEAD : LEAD);
        page.rect(MARGIN, y - LEAD, 2.5, LEAD, { fill: [0.8, 0.84, 0.9] });
        page.text(MARGIN + 12, y - 12, line, { size: BODY });
        y -= LEAD;
      });
      const cite = `—— ${e.schoolName ? `${e.schoolName} ` : ''}${e.name}`;
      page.text(MARGIN + WIDTH - textWidth(cite, 9.5), y - 12, cite, { size: 9.5, color: MUTED });
      y -= LEAD + 4;
    }
  }

  room(2 * LEAD);
  y -= 2 * LEAD;
  const footer = briefingFooter(b);
  page.text(MARGIN + WIDTH - textWidth(footer, 8.5), y, footer, { size: 8.5, color: 0.47 });
  pages.forEach((p, i) => {
    const number = `第 ${i + 1} / ${pages.length} 页`;
    p.text((A4.width - textWidth(number, 8.5)) / 2, 28, number, { size: 8.5, color: 0.47 });
  });
  return doc.toBuffer();
}
