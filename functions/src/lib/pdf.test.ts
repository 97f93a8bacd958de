import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Briefing } from '@lianyan/shared';
import { renderBriefingPdf } from '#services/briefing-pdf';
import { A4, createPdf, readImage, shownSize, textWidth, wrapText } from './pdf.ts';

/** A 4 × 3 baseline JPEG (Chromium's encoder, colour profile left out). */
const JPEG = Buffer.from(
  'ffd8ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffdb0043011112121815182f1a1a2f634238426363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363ffc00011080003000403012200021101031101ffc4001500010100000000000000000000000000000004ffc4001810010101010100000000000000000000000201000331ffc40014010100000000000000000000000000000005ffc400161101010100000000000000000000000000010011ffda000c03010002110311003f0097a35d1d6d54afb6e6667800c23176ffd9',
  'hex',
);

/** The same JPEG with an EXIF block saying "turn a quarter clockwise" (orientation 6), as phones write it. */
function rotatedJpeg(): Buffer {
  const tiff = Buffer.from('4d4d002a00000008000101120003000000010006000000000000', 'hex');
  const app1 = Buffer.concat([Buffer.from('ffe1', 'hex'), Buffer.alloc(2), Buffer.from('Exif\0\0', 'latin1'), tiff]);
  app1.writeUInt16BE(app1.length - 2, 2);
  return Buffer.concat([JPEG.subarray(0, 2), app1, JPEG.subarray(2)]);
}

function png(width: number, height: number, colorType: number, interlace = 0): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, colorType, 0, 0, interlace], 8);
  const channels = { 0: 1, 2: 3, 6: 4 }[colorType] ?? 3;
  const rows = Buffer.alloc((1 + width * channels) * height, 0x80);
  for (let r = 0; r < height; r += 1) rows[r * (1 + width * channels)] = 0;
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Reads one of our PDFs through its xref table: the objects, and each page's text (the UTF-16BE strings of Tj, in order). */
function readPdf(pdf: Buffer) {
  const text = pdf.toString('latin1');
  const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(xrefAt)) ?? [];
  expect(first).toBe('0');
  const entries = text.slice(xrefAt).split('\n').slice(2, 2 + Number(count));
  const objects = new Map<number, { offset: number; dict: string; stream?: Buffer }>();
  entries.forEach((entry, n) => {
    expect(entry).toHaveLength(19);
    if (n === 0) return expect(entry).toBe('0000000000 65535 f ');
    const offset = Number(entry.slice(0, 10));
    const header = `${n} 0 obj\n`;
    const start = offset + header.length;
    const streamAt = text.indexOf('stream\n', start);
    const endAt = text.indexOf('endobj', start);
    const hasStream = streamAt >= 0 && streamAt < endAt;
    const dict = text.slice(start, hasStream ? streamAt : endAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    objects.set(n, { offset, dict, ...(hasStream ? { stream: pdf.subarray(streamAt + 7, streamAt + 7 + length) } : {}) });
  });
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const trailer = text.slice(text.indexOf('trailer', xrefAt));
  const root = objects.get(ref(trailer, 'Root'))!;
  const kids = /\/Kids \[([^\]]*)\]/.exec(objects.get(ref(root.dict, 'Pages'))!.dict)?.[1] ?? '';
  const pages = [...kids.matchAll(/(\d+) 0 R/g)].map((m) => objects.get(Number(m[1]))!);
  const pageText = pages.map((page) => {
    const content = inflateSync(objects.get(ref(page.dict, 'Contents'))!.stream!).toString('latin1');
    return [...content.matchAll(/<([0-9a-f]*)> Tj/g)].map((m) => Buffer.from(m[1]!, 'hex').swap16().toString('utf16le')).join('\n');
  });
  return { text, objects, pages, pageText, content: (i: number) => inflateSync(objects.get(ref(pages[i]!.dict, 'Contents'))!.stream!).toString('latin1') };
}

describe('createPdf', () => {
  it('writes objects at the offsets of its xref table, and a trailer naming the catalog and the title', () => {
    const doc = createPdf({ title: '活动简报：测试', created: new Date('2026-11-23T09:00:00Z') });
    doc.addPage().text(40, 800, '活动简报', { size: 20, bold: true });
    doc.addPage().text(40, 800, '第二页', { size: 12 });
    const pdf = doc.toBuffer();

    const { text, objects, pages } = readPdf(pdf);
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    for (const [n, { offset }] of objects) expect(text.slice(offset, offset + `${n} 0 obj`.length)).toBe(`${n} 0 obj`);
    expect(text).toContain(`/Size ${objects.size + 1}`);
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(page.dict).toContain(`/MediaBox [0 0 ${A4.width} ${A4.height}]`);
    expect(text).toContain(`/Title <feff${Buffer.from('活动简报：测试', 'utf16le').swap16().toString('hex')}>`);
    expect(text).toContain('/CreationDate (D:20261123090000Z)');
  });

  it('writes text as UTF-16BE in STSong-Light (UniGB-UCS2-H), with a ToUnicode map, and ? outside the BMP', () => {
    const doc = createPdf({ title: 't', created: new Date() });
    doc.addPage().text(40, 800, '签到 12 / 应到 15 😀 a·b', { size: 12 });
    const { text, objects, pageText } = readPdf(doc.toBuffer());

    expect(pageText).toEqual(['签到 12 / 应到 15 ? a・b']);
    expect(text).toContain('/Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H');
    expect(text).toContain('/Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>');
    const font = [...objects.values()].find((o) => o.dict.includes('/Type0'))!;
    const cmap = inflateSync(objects.get(Number(/\/ToUnicode (\d+) 0 R/.exec(font.dict)?.[1]))!.stream!).toString('latin1');
    // 签 is U+7B7E, 到 U+5230, the digits U+00xx.
    for (const range of ['<0000> <00ff> <0000>', '<5200> <52ff> <5200>', '<7b00> <7bff> <7b00>']) expect(cmap).toContain(range);
    expect(cmap).toContain('begincodespacerange <0000> <ffff> endcodespacerange');
  });

  it('embeds a JPEG as it is, its size read from the frame header', () => {
    const image = readImage(JPEG)!;
    expect(image).toMatchObject({ width: 4, height: 3, orientation: 1 });
    const doc = createPdf({ title: 't', created: new Date() });
    const page = doc.addPage();
    page.image(image, 40, 600, 200, 150);
    page.image(image, 300, 600, 200, 150);
    const { objects, pages, content } = readPdf(doc.toBuffer());

    const xobjects = [...objects.values()].filter((o) => o.dict.includes('/Subtype /Image'));
    expect(xobjects).toHaveLength(1);
    expect(xobjects[0]!.dict).toContain('/Width 4 /Height 3 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode');
    expect(xobjects[0]!.stream?.equals(JPEG)).toBe(true);
    expect(pages[0]!.dict).toMatch(/\/XObject << \/Im1 \d+ 0 R >>/);
    expect(content(0)).toContain('q 200 0 0 150 40 600 cm /Im1 Do Q');
  });

  it('shows a photo upright by its EXIF orientation', () => {
    const image = readImage(rotatedJpeg())!;
    expect(image).toMatchObject({ width: 4, height: 3, orientation: 6 });
    expect(shownSize(image)).toEqual({ width: 3, height: 4 });
    const doc = createPdf({ title: 't', created: new Date() });
    doc.addPage().image(image, 40, 600, 150, 200);
    // The stored top row becomes the right-hand column.
    expect(readPdf(doc.toBuffer()).content(0)).toContain('q 0 -200 150 0 40 800 cm /Im1 Do Q');
  });

  it('embeds 8-bit gray and RGB PNGs by their deflated rows, and refuses what it would have to decode', () => {
    const rgb = png(5, 2, 2);
    const image = readImage(rgb)!;
    expect(image).toMatchObject({ width: 5, height: 2 });
    expect(image.dict).toBe('/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 3 /BitsPerComponent 8 /Columns 5 >>');
    expect(inflateSync(image.data)).toHaveLength((1 + 5 * 3) * 2);
    expect(readImage(png(3, 3, 0))?.dict).toContain('/DeviceGray');

    expect(readImage(png(5, 2, 6))).toBeUndefined();
    expect(readImage(png(5, 2, 2, 1))).toBeUndefined();
    expect(readImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBeUndefined();
    expect(readImage(JPEG.subarray(0, 150))).toBeUndefined();
    expect(readImage(rgb.subarray(0, 20))).toBeUndefined();
  });
});

describe('wrapText', () => {
  it('measures Chinese as an em and ASCII as half', () => {
    expect(textWidth('签到 12', 10)).toBe(35);
  });

  it('breaks Chinese between characters, keeps ASCII words whole and punctuation off the start of a line', () => {
    expect(wrapText('目标要可检测，活动要围绕', 10, 60)).toEqual(['目标要可检', '测，活动要围', '绕']);
    expect(wrapText('Word wrapping keeps words', 10, 60)).toEqual(['Word', 'wrapping', 'keeps words']);
    expect(wrapText('internationalization', 10, 60)).toEqual(['internationa', 'lization']);
    expect(wrapText('第一段\n\n第二段', 10, 60)).toEqual(['第一段', '', '第二段']);
  });
});

const makeBriefing = (overrides: Partial<Briefing> = {}): Briefing => ({
  session: {
    id: 's1',
    title: '城东教共体联合教研',
    kind: 'lesson_observation',
    mode: 'offline',
    startAt: '2026-11-23T06:00:00.000Z',
    endAt: '2026-11-23T08:00:00.000Z',
    venueName: '明湖区实验小学 报告厅',
    hostSchoolName: '明湖区实验小学',
    lesson: { teacherName: '叶春兰', className: '三年级(1)班', topic: '《分数的初步认识》' },
  },
  schools: ['明湖区实验小学', '青山乡中心小学'],
  figures: {
    expected: 15,
    signedIn: 12,
    late: 2,
    bySchool: [
      { schoolId: 'sch-core', schoolName: '明湖区实验小学', expected: 10, signedIn: 8, late: 1 },
      { schoolId: 'sch-qingshan', schoolName: '青山乡中心小学', expected: 5, signedIn: 4, late: 1 },
    ],
  },
  photos: [],
  excerpts: [{ userId: 'u1', name: '王芳', schoolName: '青山乡中心小学', text: '两位老师对同一篇课文的处理截然不同，一位重在朗读感悟，一位重在思维导图梳理结构。' }],
  reflections: { requested: true, submitted: 3 },
  generatedAt: '2026-11-23T09:00:00.000Z',
  ...overrides,
});
const noPhotos = { photos: new Map<string, Buffer>(), photoFolder: '05-活动照片' };

describe('renderBriefingPdf', () => {
  it('prints the title, the facts, the attendance by school and the excerpts', () => {
    const briefing = makeBriefing();
    const { pageText } = readPdf(renderBriefingPdf(briefing, noPhotos));

    expect(pageText).toHaveLength(1);
    const lines = pageText[0]!.split('\n');
    for (const line of ['活动简报', '城东教共体联合教研', '2026-11-23 14:00–16:00', '叶春兰（三年级(1)班）', '《分数的初步认识》', '签到 12 / 应到 15 / 迟到 2 / 出勤率 80%'])
      expect(lines).toContain(line);
    // A row per school: name, expected, signed in, late.
    expect(pageText[0]).toContain('学校\n应到\n实到\n迟到\n明湖区实验小学\n10\n8\n1\n青山乡中心小学\n5\n4\n1');
    expect(lines.join('')).toContain(briefing.excerpts[0]!.text);
    expect(lines).toContain('—— 青山乡中心小学 王芳');
    expect(lines).toContain('已收心得 3 篇 ・ 生成于 2026-11-23 17:00 ・ 联研');
    expect(lines).toContain('第 1 / 1 页');
  });

  it('carries a long text over to further pages and numbers them', () => {
    const text = '目标要可检测，活动要围绕目标展开，评价要贯穿始终。'.repeat(60);
    const { pageText } = readPdf(renderBriefingPdf(makeBriefing({ excerpts: [{ userId: 'u1', name: '王芳', text }, { userId: 'u2', name: '李雷', text: '结尾的摘录' }] }), noPhotos));

    expect(pageText.length).toBeGreaterThanOrEqual(2);
    expect(pageText.at(-1)).toContain('结尾的摘录');
    expect(pageText.at(-1)).toContain(`第 ${pageText.length} / ${pageText.length} 页`);
    const body = pageText.map((p) => p.split('\n').filter((l) => !/^第 \d+ \/ \d+ 页$/.test(l)).join('')).join('');
    expect(body).toContain(text);
  });

  it('shows the photos it can embed, two to a row, and points to the photo folder for the others', () => {
    const photos = [
      { id: 'p1', name: 'a.jpg', caption: '课堂教学' },
      { id: 'p2', name: 'b.png' },
      { id: 'p3', name: 'c.webp' },
      { id: 'p4', name: 'gone.jpg' },
    ];
    const bytes = new Map([['p1', JPEG], ['p2', png(4, 4, 6)], ['p3', Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1')]]);
    const { objects, pageText } = readPdf(renderBriefingPdf(makeBriefing({ photos }), { photos: bytes, photoFolder: '05-活动照片' }));

    const images = [...objects.values()].filter((o) => o.dict.includes('/Subtype /Image'));
    expect(images.map((o) => /\/Width (\d+) \/Height (\d+)/.exec(o.dict)?.slice(1))).toEqual([['4', '3']]);
    expect(pageText[0]).toContain('活动剪影\n课堂教学');
    expect(pageText[0]).toContain('（另有 3 张照片未能放入 PDF，见 05-活动照片 文件夹）');
  });
});
