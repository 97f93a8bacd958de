import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Briefing } from '@lianyan/shared';
import { renderBriefingPdf } from '#services/briefing-pdf';

// Where the briefing PDF's non-embedded STSong-Light shows, checked with poppler (docs/design/records.md):
// poppler needs the Adobe-GB1 CMaps (Debian: poppler-data) and a CJK face fontconfig offers; without a face it draws
// no text at all. Needs poppler-utils and poppler-data (skipped, saying so, where pdftoppm is missing).
const hasPoppler = spawnSync('pdftoppm', ['-v']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'lianyan-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const briefing: Briefing = {
  session: {
    id: 's1',
    title: '四年级语文《爬山虎的脚》听评课',
    kind: 'lesson_observation',
    mode: 'offline',
    startAt: '2026-11-23T06:00:00.000Z',
    endAt: '2026-11-23T08:00:00.000Z',
    venueName: '明湖区城东第二小学 四年级(2)班教室',
    hostSchoolName: '明湖区城东第二小学',
  },
  schools: ['明湖区城东第二小学'],
  figures: { expected: 10, signedIn: 9, late: 1, bySchool: [{ schoolId: 'sch-east2', schoolName: '明湖区城东第二小学', expected: 10, signedIn: 9, late: 1 }] },
  photos: [],
  excerpts: [],
  reflections: { requested: false, submitted: 0 },
  generatedAt: '2026-11-23T09:00:00.000Z',
};

/** Dark pixels of page 1 at 40 dpi (gray PGM), with poppler's messages; `fontconfig`: a config file for poppler. */
function render(pdf: string, fontconfig?: string): { ink: number; stderr: string } {
  const out = join(work, fontconfig ? 'bare' : 'system');
  const run = spawnSync('pdftoppm', ['-r', '40', '-gray', '-f', '1', '-l', '1', '-singlefile', pdf, out], {
    env: { ...process.env, ...(fontconfig ? { FONTCONFIG_FILE: fontconfig } : {}) },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const pgm = readFileSync(`${out}.pgm`);
  // P5 header: magic, width height, max value, then one byte a pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const pixels = pgm.subarray(header[0].length);
  let ink = 0;
  for (const p of pixels) if (p < 128) ink += 1;
  return { ink, stderr: run.stderr };
}

describe.skipIf(!hasPoppler)('briefing PDF under poppler (pdftotext, pdffonts, pdftoppm)', () => {
  const file = join(work, 'briefing.pdf');
  writeFileSync(file, renderBriefingPdf(briefing, { photos: new Map(), photoFolder: '05-活动照片' }));

  it('names STSong-Light, not embedded, with a ToUnicode map, so the text is extracted as written', () => {
    const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts.stdout).toMatch(/STSong-Light\S*\s+CID Type 0\s+UniGB-UCS2-H\s+no\s+no\s+yes/);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('四年级语文《爬山虎的脚》听评课');
    expect(text).toContain('明湖区城东第二小学 四年级(2)班教室');
  });

  it('renders with the CJK face the system offers (here fontconfig has one), and draws no text where it has none', () => {
    const cjk = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout.trim();
    expect(cjk, 'no CJK font installed: install one (e.g. fonts-noto-cjk) to see the text').not.toBe('');
    const withFonts = render(file);
    expect(withFonts.stderr).not.toMatch(/Couldn't find a font/);
    // No fonts at all for poppler: an empty fontconfig configuration.
    const conf = join(work, 'fonts.conf');
    writeFileSync(conf, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><cachedir>${join(work, 'fc-cache')}</cachedir></fontconfig>\n`);
    const bare = render(file, conf);
    expect(bare.stderr).toMatch(/Couldn't find a font for 'STSong-Light/);
    // What ink is left without a face is the table's rules and boxes: the text adds well over that again.
    expect(withFonts.ink).toBeGreaterThan(bare.ink * 2);
    expect(withFonts.ink - bare.ink).toBeGreaterThan(500);
  });
});
