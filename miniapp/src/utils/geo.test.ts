import { describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from './geo';

const metres = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => {
  const rad = Math.PI / 180;
  const x = (b.lng - a.lng) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.sqrt(x * x + y * y) * 6_371_000;
};

describe('wgs84ToGcj02', () => {
  it('shifts a point in Hangzhou by a few hundred metres to the south-east', () => {
    const gps = { lat: 30.2741, lng: 120.1551 };

    const gcj = wgs84ToGcj02(gps.lat, gps.lng);

    expect(metres(gps, gcj)).toBeGreaterThan(300);
    expect(metres(gps, gcj)).toBeLessThan(700);
    expect(gcj.lng).toBeGreaterThan(gps.lng);
  });

  it('leaves points outside China unchanged', () => {
    expect(wgs84ToGcj02(48.8566, 2.3522)).toEqual({ lat: 48.8566, lng: 2.3522 });
  });
});
