import { crc32, deflateRawSync } from 'node:zlib';

// A minimal ZIP writer (deflate, UTF-8 names): the XLSX container and the session record bundle.

/** "Made on Unix, spec 2.0", with rw-r--r-- file modes: `unzip` (Info-ZIP) then takes the UTF-8 flag at its word. */
const UNIX_MADE_BY = (3 << 8) | 20;
const REGULAR_FILE_644 = (0o100644 << 16) >>> 0;

export interface ZipEntry {
  /** The path inside the archive, `/`-separated, UTF-8. */
  name: string;
  data: Buffer;
  /** Shown as the entry's time (local wall-clock fields, as ZIP has no zone); 1980-01-01 when omitted. */
  modified?: { year: number; month: number; day: number; hour: number; minute: number };
}

function dosDateTime(m: ZipEntry['modified']): { date: number; time: number } {
  if (!m || m.year < 1980) return { date: 0x21, time: 0 };
  return { date: ((m.year - 1980) << 9) | (m.month << 5) | m.day, time: (m.hour << 11) | (m.minute << 5) };
}

export function zip(files: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const compressed = deflateRawSync(file.data);
    const crc = crc32(file.data);
    const { date, time } = dosDateTime(file.modified);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(UNIX_MADE_BY, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(REGULAR_FILE_644, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
