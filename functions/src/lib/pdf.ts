import { deflateSync } from 'node:zlib';

// A small PDF writer: A4 pages with text in the non-embedded STSong-Light font, lines, boxes and photos
// (JPEG as is, PNG by its deflated rows), so a function can print without Chromium or a font file.

export const A4 = { width: 595.28, height: 841.89 } as const;

/** Gray 0–1, or RGB 0–1. */
export type PdfColor = number | readonly [number, number, number];

/** A photo PDF readers decode themselves: the JPEG's bytes, or a PNG's IDAT data. */
export interface PdfImage {
  width: number;
  height: number;
  /** EXIF orientation 1–8; 5–8 show the photo turned a quarter, width and height swapped. */
  orientation: number;
  dict: string;
  data: Buffer;
}

export interface PdfPage {
  /** Text with the left end of its baseline at (x, y), points from the page's bottom left. */
  text(x: number, y: number, text: string, options: { size: number; color?: PdfColor; bold?: boolean }): void;
  line(x1: number, y1: number, x2: number, y2: number, options?: { width?: number; color?: PdfColor }): void;
  rect(x: number, y: number, w: number, h: number, options: { fill?: PdfColor; stroke?: PdfColor; width?: number }): void;
  /** The photo upright in the box whose bottom left is (x, y); w and h as it shows (after EXIF orientation). */
  image(image: PdfImage, x: number, y: number, w: number, h: number): void;
}

const num = (n: number) => String(Math.round(n * 100) / 100);
const fillOp = (c: PdfColor) => (typeof c === 'number' ? `${num(c)} g` : `${c.map(num).join(' ')} rg`);
const strokeOp = (c: PdfColor) => (typeof c === 'number' ? `${num(c)} G` : `${c.map(num).join(' ')} RG`);

/** What UniGB-UCS2-H maps: UCS-2 only (outside the BMP becomes '?'), no control characters, GB's middle dot for '·'. */
const clean = (s: string) =>
  s
    .replace(/[\u{10000}-\u{10ffff}\ud800-\udfff]/gu, '?')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u00a0]/g, ' ')
    .replace(/[·•]/g, '・');

/** Width in points: ASCII half an em (the font's /W says 500), anything else a full em. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of clean(text)) em += (ch.codePointAt(0) ?? 0) <= 0x7e ? 0.5 : 1;
  return em * size;
}

const NO_LINE_START = new Set('，。、；：？！）》」』】〉”’…%,.;:?!)]}');
const NO_LINE_END = new Set('（《「『【〈“‘([{');

/** Lines no wider than `width`: Chinese breaks between any two characters, ASCII words stay whole unless longer than a line. */
export function wrapText(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    const tokens = (clean(paragraph).match(/[!-~]+| +|[^]/gu) ?? []).flatMap((t) => (textWidth(t, size) > width ? [...t] : [t]));
    let line: string[] = [];
    let w = 0;
    let wrapped = false;
    const flush = () => {
      lines.push(line.join('').trimEnd());
      line = [];
      w = 0;
    };
    for (const token of tokens) {
      const tw = textWidth(token, size);
      if (w + tw > width && line.length > 0) {
        wrapped = true;
        if (token.startsWith(' ')) {
          flush();
          continue;
        }
        // Closing punctuation does not start a line, opening punctuation does not end one: carry a character down.
        const carried: string[] = [];
        if (NO_LINE_START.has(token[0] ?? '') && line.length > 1) carried.unshift(line.pop() ?? '');
        while (line.length > 1 && NO_LINE_END.has(line.at(-1) ?? '')) carried.unshift(line.pop() ?? '');
        flush();
        line = carried;
        w = textWidth(carried.join(''), size);
      }
      // A space where a line was broken disappears.
      if (wrapped && line.length === 0 && token.startsWith(' ')) continue;
      line.push(token);
      w += tw;
    }
    flush();
  }
  return lines;
}

function exifOrientation(app1: Buffer): number | undefined {
  if (app1.toString('latin1', 0, 6) !== 'Exif\0\0') return undefined;
  const tiff = app1.subarray(6);
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const ifd = le ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  for (let i = 0, count = u16(ifd); i < count; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) !== 0x0112) continue;
    const value = u16(entry + 8);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

function readJpeg(b: Buffer): PdfImage | undefined {
  let orientation = 1;
  let adobe = false;
  let frame: { width: number; height: number; components: number } | undefined;
  for (let at = 2; at + 4 <= b.length; ) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9) return undefined;
    // Start of scan: the headers are complete.
    if (marker === 0xda) {
      if (!frame) return undefined;
      const space = frame.components === 1 ? '/DeviceGray' : frame.components === 3 ? '/DeviceRGB' : '/DeviceCMYK';
      // Adobe's CMYK JPEGs store the inks inverted.
      const decode = frame.components === 4 && adobe ? ' /Decode [1 0 1 0 1 0 1 0]' : '';
      return { width: frame.width, height: frame.height, orientation, data: b, dict: `/ColorSpace ${space} /BitsPerComponent 8 /Filter /DCTDecode${decode}` };
    }
    const length = b.readUInt16BE(at + 2);
    const body = b.subarray(at + 4, at + 2 + length);
    if (marker === 0xe1) orientation = exifOrientation(body) ?? orientation;
    if (marker === 0xee && body.toString('latin1', 0, 5) === 'Adobe') adobe = true;
    // Baseline, extended and progressive Huffman frames: what PDF readers decode.
    if (marker >= 0xc0 && marker <= 0xc2) {
      const [precision, components] = [body[0], body[5] ?? 0];
      const [height, width] = [body.readUInt16BE(1), body.readUInt16BE(3)];
      if (precision !== 8 || !width || !height || (components !== 1 && components !== 3 && components !== 4)) return undefined;
      frame = { width, height, components };
    }
    if (marker >= 0xc3 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return undefined;
    at += 2 + length;
  }
  return undefined;
}

function readPng(b: Buffer): PdfImage | undefined {
  if (b.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  const [width, height] = [b.readUInt32BE(16), b.readUInt32BE(20)];
  const [depth, colorType, , , interlace] = b.subarray(24, 29);
  // Gray or RGB, 8 bits, not interlaced: the rows PDF's PNG predictors read as they are. Alpha would need decoding.
  if (depth !== 8 || (colorType !== 0 && colorType !== 2) || interlace !== 0) return undefined;
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= b.length; ) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!idat.length) return undefined;
  const colors = colorType === 2 ? 3 : 1;
  return {
    width,
    height,
    orientation: 1,
    data: Buffer.concat(idat),
    dict: `/ColorSpace ${colors === 3 ? '/DeviceRGB' : '/DeviceGray'} /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors ${colors} /BitsPerComponent 8 /Columns ${width} >>`,
  };
}

/** A JPEG, or a PNG PDF can show as it is; undefined for anything else (WebP, PNG with alpha, damaged files). */
export function readImage(bytes: Buffer): PdfImage | undefined {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return readJpeg(bytes);
    if (bytes.toString('latin1', 1, 4) === 'PNG') return readPng(bytes);
  } catch {
    // Truncated or malformed: treated like a format PDF cannot take.
  }
  return undefined;
}

/** The photo's size as it shows. */
export const shownSize = (image: PdfImage) => (image.orientation >= 5 ? { width: image.height, height: image.width } : { width: image.width, height: image.height });

/** Maps the image's unit square onto the box so that the photo shows upright (EXIF orientation). */
function placement(o: number, x: number, y: number, w: number, h: number): number[] {
  const matrices: Record<number, number[]> = {
    2: [-w, 0, 0, h, x + w, y],
    3: [-w, 0, 0, -h, x + w, y + h],
    4: [w, 0, 0, -h, x, y + h],
    5: [0, -h, -w, 0, x + w, y + h],
    6: [0, -h, w, 0, x, y + h],
    7: [0, h, w, 0, x, y],
    8: [0, h, -w, 0, x + w, y],
  };
  return matrices[o] ?? [w, 0, 0, h, x, y];
}

/** A PDF text string in UTF-16BE with its byte-order mark (document information). */
const textString = (s: string) => `<feff${Buffer.from(s, 'utf16le').swap16().toString('hex')}>`;

/** ToUnicode for UniGB-UCS2-H: each code is the character itself; a range per high byte used. */
function toUnicodeCMap(highBytes: Set<number>): string {
  const ranges = [...highBytes].sort((a, b) => a - b).map((h) => {
    const hex = h.toString(16).padStart(2, '0');
    return `<${hex}00> <${hex}ff> <${hex}00>`;
  });
  const blocks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) {
    const chunk = ranges.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfrange\n${chunk.join('\n')}\nendbfrange`);
  }
  return [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <ffff> endcodespacerange',
    ...blocks,
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
}

export function createPdf(info: { title: string; created: Date }) {
  const pages: { ops: string[]; images: Set<PdfImage> }[] = [];
  const images: PdfImage[] = [];
  const highBytes = new Set<number>();

  function encode(text: string): string {
    let hex = '';
    for (const ch of clean(text)) {
      const code = ch.codePointAt(0) ?? 0x3f;
      highBytes.add(code >> 8);
      hex += code.toString(16).padStart(4, '0');
    }
    return `<${hex}>`;
  }

  function addPage(): PdfPage {
    const page = { ops: [] as string[], images: new Set<PdfImage>() };
    pages.push(page);
    return {
      text(x, y, text, { size, color = 0, bold = false }) {
        // Bold without a bold font: the outline stroked as well as filled.
        const weight = bold ? `${strokeOp(color)} ${num(size * 0.035)} w 2 Tr ` : '';
        page.ops.push(`q ${fillOp(color)} ${weight}BT /F1 ${num(size)} Tf ${num(x)} ${num(y)} Td ${encode(text)} Tj ET Q`);
      },
      line(x1, y1, x2, y2, { width = 0.5, color = 0 } = {}) {
        page.ops.push(`q ${strokeOp(color)} ${num(width)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q`);
      },
      rect(x, y, w, h, { fill, stroke, width = 0.5 }) {
        const paint = fill !== undefined && stroke !== undefined ? 'B' : fill !== undefined ? 'f' : 'S';
        const colors = [fill !== undefined ? fillOp(fill) : '', stroke !== undefined ? `${strokeOp(stroke)} ${num(width)} w` : ''].filter(Boolean).join(' ');
        page.ops.push(`q ${colors} ${num(x)} ${num(y)} ${num(w)} ${num(h)} re ${paint} Q`);
      },
      image(image, x, y, w, h) {
        if (!images.includes(image)) images.push(image);
        page.images.add(image);
        page.ops.push(`q ${placement(image.orientation, x, y, w, h).map(num).join(' ')} cm /Im${images.indexOf(image) + 1} Do Q`);
      },
    };
  }

  function toBuffer(): Buffer {
    const objects: Buffer[] = [];
    const add = (body: string | Buffer) => objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
    const catalog = add('');
    const pagesId = add('');
    const toUnicode = add(stream('/Filter /FlateDecode', deflateSync(toUnicodeCMap(highBytes.size ? highBytes : new Set([0])))));
    const descriptor = add(
      '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    );
    const cidFont = add(
      `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [1 95 500] >>`,
    );
    const font = add(
      `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
    );
    const imageIds = images.map((im) => add(stream(`/Type /XObject /Subtype /Image /Width ${im.width} /Height ${im.height} ${im.dict}`, im.data)));
    const kids = pages.map((page) => {
      const contents = add(stream('/Filter /FlateDecode', deflateSync(Buffer.from(page.ops.join('\n'), 'latin1'))));
      const xobjects = [...page.images].map((im) => `/Im${images.indexOf(im) + 1} ${imageIds[images.indexOf(im)]} 0 R`).join(' ');
      return add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /Font << /F1 ${font} 0 R >>${xobjects ? ` /XObject << ${xobjects} >>` : ''} >> /Contents ${contents} 0 R >>`,
      );
    });
    objects[pagesId - 1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`, 'latin1');
    objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesId} 0 R /ViewerPreferences << /DisplayDocTitle true >> >>`, 'latin1');
    const created = info.created.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const infoId = add(`<< /Title ${textString(info.title)} /Producer (Lianyan) /CreationDate (D:${created}Z) >>`);

    // A binary comment after the header tells transfer tools the file is binary.
    const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let offset = parts[0]!.length;
    const offsets = objects.map((body, i) => {
      const at = offset;
      const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
      parts.push(object);
      offset += object.length;
      return at;
    });
    const xref = ['xref', `0 ${objects.length + 1}`, '0000000000 65535 f ', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `)].join('\n');
    parts.push(Buffer.from(`${xref}\ntrailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${infoId} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(parts);
  }

  return { addPage, toBuffer };
}
