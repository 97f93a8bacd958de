// China's maps and WeChat use GCJ-02; browsers report WGS-84, offset by a few hundred metres inside China.
const AXIS = 6378245.0;
const ECCENTRICITY_SQ = 0.006693421622965943;

function outsideChina(lat: number, lng: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function shiftLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function shiftLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** WGS-84 (GPS, browsers) to GCJ-02 (WeChat, the venue picked on a map); unchanged outside China. */
export function wgs84ToGcj02(lat: number, lng: number): { lat: number; lng: number } {
  if (outsideChina(lat, lng)) return { lat, lng };
  const radLat = (lat / 180) * Math.PI;
  const sin = Math.sin(radLat);
  const magic = 1 - ECCENTRICITY_SQ * sin * sin;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (shiftLat(lng - 105, lat - 35) * 180) / (((AXIS * (1 - ECCENTRICITY_SQ)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (shiftLng(lng - 105, lat - 35) * 180) / ((AXIS / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: lat + dLat, lng: lng + dLng };
}
