import { qrGifDataUrl } from '../utils/qr';

/** Mini-program images draw GIF data URLs everywhere; SVG support varies by version. */
export function qrImageSrc(text: string): string {
  return qrGifDataUrl(text);
}
