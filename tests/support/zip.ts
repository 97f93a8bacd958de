import { unzipSync } from 'fflate';

/** The entries of a ZIP by name (fflate reads it: stored and deflated entries, UTF-8 names). */
export function unzip(buf: Uint8Array): Map<string, Buffer> {
  const entries = unzipSync(buf);
  return new Map(Object.entries(entries).map(([name, data]) => [name, Buffer.from(data)]));
}
