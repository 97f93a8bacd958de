import { qrSvgDataUrl } from '../utils/qr';

/** SVG stays sharp at projector size. */
export function qrImageSrc(text: string): string {
  return qrSvgDataUrl(text);
}
