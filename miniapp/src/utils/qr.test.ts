import { describe, expect, it } from 'vitest';
import { qrGifDataUrl, qrSvgDataUrl } from './qr';

const url = 'https://lianyan.example.cn/s/01JD0000000000000000000000/AbCdEfGhIjKlMnOpQrStUv?p=out';

describe('QR images', () => {
  it('draws an SVG with a white quiet zone of four modules', () => {
    const svg = decodeURIComponent(qrSvgDataUrl(url).replace('data:image/svg+xml;charset=utf-8,', ''));
    const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
    const xs = [...svg.matchAll(/M(\d+) (\d+)h(\d+)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])] as const);

    expect(svg).toContain('fill="#fff"');
    expect(Math.min(...xs.map(([x]) => x))).toBe(4);
    expect(Math.min(...xs.map(([, y]) => y))).toBe(4);
    expect(Math.max(...xs.map(([x, , w]) => x + w))).toBe(size - 4);
  });

  it('draws a GIF data URL', () => {
    expect(qrGifDataUrl(url)).toMatch(/^data:image\/gif;base64,R0lGOD/);
  });
});
