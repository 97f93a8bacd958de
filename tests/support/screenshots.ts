import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { PNG } from 'pngjs';

// Reference screenshots: the API answers a page read when its reference was taken are kept beside the PNG and
// replayed, and the browser's clock is held at that moment, so a page draws the same pixels whatever the stack
// holds today and whichever browser tests ran before.

/**
 * `UPDATE_SCREENSHOTS=1`: retake the PNGs over the kept recordings (a read a recording lacks is fetched and added);
 * `UPDATE_SCREENSHOTS=all`: record the API afresh too (new data, new clock).
 */
export const UPDATE = process.env.UPDATE_SCREENSHOTS === '1' || process.env.UPDATE_SCREENSHOTS === 'all';
export const RERECORD = process.env.UPDATE_SCREENSHOTS === 'all';

/** A channel differing by more than this is a changed pixel (anti-aliasing moves a few levels). */
const CHANNEL_TOLERANCE = 40;

export interface Recording {
  /** The browser's clock while the reference was taken (ms). */
  at: number;
  /** `GET /v1/...?query` → the API's answer. */
  answers: Record<string, { status: number; contentType: string; body: string }>;
}

const keyOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

/**
 * Serves the page's API reads from `recording`; when updating, a read it lacks is fetched from the stack and added.
 * Writes (the dev login, a consent) go to the stack. Returns the reads the recording did not have.
 */
export async function replayApi(page: Page, recording: Recording): Promise<string[]> {
  const missed: string[] = [];
  await page.route('**/v1/**', async (route: Route) => {
    const request = route.request();
    if (request.method() !== 'GET') return route.continue();
    const key = keyOf(request.url());
    const answer = recording.answers[key];
    if (answer) return route.fulfill({ status: answer.status, contentType: answer.contentType, body: answer.body });
    missed.push(key);
    if (!UPDATE) return route.continue();
    const response = await route.fetch();
    const body = await response.text();
    recording.answers[key] = { status: response.status(), contentType: response.headers()['content-type'] ?? 'application/json', body };
    return route.fulfill({ response, body });
  });
  return missed;
}

/** A viewport screenshot once the page has stopped changing (two shots alike). */
export async function settledShot(page: Page): Promise<Buffer> {
  let last = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  for (let i = 0; i < 8; i++) {
    await page.waitForTimeout(250);
    const next = await page.screenshot({ animations: 'disabled', caret: 'hide' });
    if (next.equals(last)) return next;
    last = next;
  }
  return last;
}

export interface Comparison {
  /** Share of pixels that changed, 0–1. */
  changed: number;
  /** Where the actual shot and a diff image were written, when they differ at all. */
  written?: { actual: string; diff: string };
}

/** Compares two PNGs pixel by pixel; a size change counts as every pixel changed. */
export function comparePngs(name: string, expected: Buffer, actual: Buffer): Comparison {
  const a = PNG.sync.read(expected);
  const b = PNG.sync.read(actual);
  if (a.width !== b.width || a.height !== b.height) return { changed: 1, written: writeDiff(name, actual, null) };
  const diff = new PNG({ width: a.width, height: a.height });
  let changed = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const differs = [0, 1, 2, 3].some((c) => Math.abs(a.data[i + c]! - b.data[i + c]!) > CHANNEL_TOLERANCE);
    if (differs) changed++;
    // Changed pixels red, the rest a faint copy of the reference.
    diff.data[i] = differs ? 255 : 200 + Math.round(a.data[i]! / 5);
    diff.data[i + 1] = differs ? 0 : 200 + Math.round(a.data[i + 1]! / 5);
    diff.data[i + 2] = differs ? 0 : 200 + Math.round(a.data[i + 2]! / 5);
    diff.data[i + 3] = 255;
  }
  const share = changed / (a.width * a.height);
  return changed ? { changed: share, written: writeDiff(name, actual, PNG.sync.write(diff)) } : { changed: 0 };
}

function writeDiff(name: string, actual: Buffer, diff: Buffer | null) {
  const dir = join(tmpdir(), 'lianyan-screenshots');
  mkdirSync(dir, { recursive: true });
  const paths = { actual: join(dir, `${name}.actual.png`), diff: join(dir, `${name}.diff.png`) };
  writeFileSync(paths.actual, actual);
  if (diff) writeFileSync(paths.diff, diff);
  return paths;
}

export function readRecording(path: string): Recording | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Recording) : null;
}
