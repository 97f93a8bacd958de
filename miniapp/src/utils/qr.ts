import qrcode from 'qrcode-generator';

// ISO 18004 asks for a quiet zone of 4 modules; scanners fail more often with less.
const QUIET_ZONE = 4;

function encode(text: string) {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr;
}

/** A scalable black-on-white SVG: crisp at any size, one rectangle per run of dark modules. */
export function qrSvgDataUrl(text: string): string {
  const qr = encode(text);
  const n = qr.getModuleCount();
  const size = n + QUIET_ZONE * 2;
  let path = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      let run = 1;
      while (col + run < n && qr.isDark(row, col + run)) run++;
      path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h${run}v1h-${run}z`;
      col += run;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A GIF with whole pixels per module, for image components that do not draw SVG. */
export function qrGifDataUrl(text: string, cellSize = 10): string {
  return encode(text).createDataURL(cellSize, cellSize * QUIET_ZONE);
}
