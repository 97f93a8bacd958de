import { inflateSync } from 'node:zlib';

// Text out of a PDF, enough for the tests: Chromium's (Skia: Type3 or Identity-H fonts with ToUnicode maps)
// and our own briefing PDF (STSong-Light, UniGB-UCS2-H, with a ToUnicode map). Not a general PDF parser:
// no object or xref streams, no encryption, FlateDecode only.

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

/** Reads the objects one after the other, stepping over stream data by its /Length. */
function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = header.lastIndex;
    const end = text.indexOf('endobj', start);
    const streamAt = text.indexOf('stream', start);
    if (streamAt < 0 || streamAt > end) {
      objects.set(Number(m[1]), { dict: text.slice(start, end).trim() });
      header.lastIndex = end;
      continue;
    }
    const dict = text.slice(start, streamAt).trim();
    const dataAt = streamAt + (text.startsWith('stream\r\n', streamAt) ? 8 : 7);
    const length = /\/Length (\d+)\b(?!\s+\d+\s+R)/.exec(dict);
    const dataEnd = length ? dataAt + Number(length[1]) : text.indexOf('endstream', dataAt);
    objects.set(Number(m[1]), { dict, stream: pdf.subarray(dataAt, dataEnd) });
    header.lastIndex = dataEnd;
  }
  return objects;
}

/** The raw value of `key` in a dictionary's text: a nested `<< >>` or `[ ]`, a reference, or a single token. */
function entry(dict: string, key: string): string | undefined {
  const m = new RegExp(`/${key}(?![A-Za-z0-9#_.-])\\s*`).exec(dict);
  if (!m) return undefined;
  const at = m.index + m[0].length;
  const [start, end] = dict.startsWith('<<', at) ? ['<<', '>>'] : dict[at] === '[' ? ['[', ']'] : [];
  if (!start || !end) return /^(\d+ \d+ R|\/?[^\s/<>[\]()]+)/.exec(dict.slice(at))?.[1];
  let depth = 0;
  for (let i = at; i < dict.length; i += 1) {
    if (dict.startsWith(start, i)) depth += 1;
    else if (dict.startsWith(end, i) && --depth === 0) return dict.slice(at, i + end.length);
  }
  return undefined;
}

const isRef = (value: string | undefined) => /^\d+ \d+ R$/.test(value ?? '');

function decodeStream(object: PdfObject): Buffer {
  const data = object.stream ?? Buffer.alloc(0);
  return /\/Filter\s*\/FlateDecode/.test(object.dict) ? inflateSync(data) : data;
}

/** A font's codes → text: its ToUnicode map (bfchar and bfrange), or UTF-16BE for UCS-2 encodings. */
interface Decoder {
  bytes: number;
  map?: Map<number, string>;
}

const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');

function parseCMap(cmap: string): Decoder {
  const map = new Map<number, string>();
  const space = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(cmap);
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, src, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(src!, 16), utf16(dst!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, dst, list] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:<([0-9a-fA-F]+)>|\[([^\]]*)\])/g)) {
      const [from, to] = [parseInt(lo!, 16), parseInt(hi!, 16)];
      const targets = list ? [...list.matchAll(/<([0-9a-fA-F]*)>/g)].map((t) => utf16(t[1]!)) : undefined;
      for (let code = from; code <= to; code += 1) {
        if (targets) map.set(code, targets[code - from] ?? '');
        else {
          // The last UTF-16 unit counts up through the range.
          const units = Buffer.from(dst!, 'hex');
          units.writeUInt16BE(units.readUInt16BE(units.length - 2) + code - from, units.length - 2);
          map.set(code, units.swap16().toString('utf16le'));
        }
      }
    }
  return { bytes: space ? space[1]!.length / 2 : 2, map };
}

function decodeText(bytes: Buffer, font: Decoder | undefined): string {
  if (!font) return bytes.toString('latin1');
  if (!font.map) return bytes.length % 2 ? '' : Buffer.from(bytes).swap16().toString('utf16le');
  let out = '';
  for (let i = 0; i + font.bytes <= bytes.length; i += font.bytes) out += font.map.get(bytes.readUIntBE(i, font.bytes)) ?? '\ufffd';
  return out;
}

// Noto CJK SC draws these radicals with the same glyph as an ideograph, and Chromium's ToUnicode names the glyph by the
// radical (⻘ for 青, ⼩ for 小): read them as the ideograph. Kangxi radicals not listed decompose by NFKC.
const RADICALS = new Map([...'⺂乛⺃乚⺅亻⺉刂⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺫罒⺭礻⺯糹⺰纟⺱罓⺲罒⺹耂⺺肀⺾艹⻁虎⻂衤⻃覀⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟⼾户'.matchAll(/(.)(.)/gu)].map((m) => [m[1]!, m[2]!]));
const ideographs = (text: string) => text.replace(/[\u2e80-\u2fdf]/g, (c) => RADICALS.get(c) ?? c.normalize('NFKC'));

type Token = { op: string } | { value: string | Buffer | Token[] };

/** Splits a content stream into operands (names, numbers, strings, arrays) and operators. */
function tokenize(content: string): Token[] {
  const tokens: Token[] = [];
  const stack: Token[][] = [tokens];
  const push = (t: Token) => stack.at(-1)!.push(t);
  for (let i = 0; i < content.length; ) {
    const c = content[i]!;
    if (/\s/.test(c)) i += 1;
    else if (c === '%') i = content.indexOf('\n', i) < 0 ? content.length : content.indexOf('\n', i);
    else if (c === '[') {
      const array: Token[] = [];
      push({ value: array });
      stack.push(array);
      i += 1;
    } else if (c === ']') {
      stack.pop();
      i += 1;
    } else if (content.startsWith('<<', i) || content.startsWith('>>', i)) {
      push({ value: content.slice(i, i + 2) });
      i += 2;
    } else if (c === '<') {
      const end = content.indexOf('>', i);
      const hex = content.slice(i + 1, end).replace(/\s/g, '');
      push({ value: Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex') });
      i = end + 1;
    } else if (c === '(') {
      const bytes: number[] = [];
      let depth = 1;
      for (i += 1; i < content.length && depth > 0; i += 1) {
        const ch = content[i]!;
        if (ch === '\\') {
          const next = content[i + 1] ?? '';
          const octal = /^[0-7]{1,3}/.exec(content.slice(i + 1, i + 4))?.[0];
          if (octal) {
            bytes.push(parseInt(octal, 8) & 0xff);
            i += octal.length;
          } else {
            const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
            if (next !== '\n' && next !== '\r') bytes.push(escapes[next] ?? next.charCodeAt(0));
            i += 1;
          }
          continue;
        }
        if (ch === '(') depth += 1;
        if (ch === ')' && --depth === 0) break;
        bytes.push(ch.charCodeAt(0));
      }
      push({ value: Buffer.from(bytes) });
      i += 1;
    } else {
      const word = /^[^\s()<>[\]{}/%]+|^\/[^\s()<>[\]{}/%]*/.exec(content.slice(i, i + 200))?.[0] ?? c;
      const operand = word.startsWith('/') || /^[-+.\d]/.test(word) || word === 'true' || word === 'false' || word === 'null';
      push(operand ? { value: word } : { op: word });
      i += word.length;
      // Inline image data is binary: step over it to its end marker.
      if (word === 'ID') i = content.indexOf('EI', i) + 2;
    }
  }
  return tokens;
}

/**
 * The text of each page, in drawing order: one line per text object (BT … ET), which is one run of text
 * in Chromium's output and one line in ours.
 */
export function pdfText(pdf: Buffer): string[] {
  const objects = readObjects(pdf);
  const resolve = (value: string | undefined): string | undefined => (isRef(value) ? objects.get(Number(value!.split(' ')[0]))?.dict : value);
  const decoders = new Map<string, Decoder | undefined>();

  function fontDecoder(ref: string): Decoder | undefined {
    if (decoders.has(ref)) return decoders.get(ref);
    const font = resolve(ref) ?? '';
    const toUnicode = entry(font, 'ToUnicode');
    let decoder: Decoder | undefined;
    if (isRef(toUnicode)) decoder = parseCMap(decodeStream(objects.get(Number(toUnicode!.split(' ')[0]))!).toString('latin1'));
    else if (/UCS2|UTF16/.test(entry(font, 'Encoding') ?? '')) decoder = { bytes: 2 };
    decoders.set(ref, decoder);
    return decoder;
  }

  function run(content: string, resources: string, lines: string[]) {
    const fonts = resolve(entry(resources, 'Font')) ?? '';
    const xobjects = resolve(entry(resources, 'XObject')) ?? '';
    let font: Decoder | undefined;
    let line = '';
    let operands: Token[] = [];
    const show = (t: Token | undefined) => {
      if (!t || !('value' in t)) return;
      if (Buffer.isBuffer(t.value)) line += decodeText(t.value, font);
      else if (Array.isArray(t.value)) t.value.forEach(show);
    };
    for (const token of tokenize(content)) {
      if ('value' in token) {
        operands.push(token);
        continue;
      }
      const last = operands.at(-1);
      if (token.op === 'BT') line = '';
      else if (token.op === 'ET' && line) lines.push(line);
      else if (token.op === 'Tf') {
        const name = operands.at(-2);
        font = name && 'value' in name && typeof name.value === 'string' ? fontDecoder(entry(fonts, name.value.slice(1)) ?? '') : undefined;
      } else if (['Tj', 'TJ', "'", '"'].includes(token.op)) show(last);
      else if (token.op === 'Do' && last && 'value' in last && typeof last.value === 'string') {
        // A form XObject draws content of its own.
        const ref = entry(xobjects, last.value.slice(1));
        const form = isRef(ref) ? objects.get(Number(ref!.split(' ')[0])) : undefined;
        if (form && /\/Subtype\s*\/Form/.test(form.dict)) run(decodeStream(form).toString('latin1'), resolve(entry(form.dict, 'Resources')) ?? resources, lines);
      }
      operands = [];
    }
  }

  const pageOrder = (node: string): string[] => {
    const kids = entry(node, 'Kids');
    if (!kids) return [node];
    return [...kids.matchAll(/(\d+) \d+ R/g)].flatMap((m) => pageOrder(objects.get(Number(m[1]))?.dict ?? ''));
  };
  const trailer = pdf.toString('latin1', pdf.lastIndexOf('trailer'));
  const catalog = resolve(entry(trailer, 'Root')) ?? '';
  return pageOrder(resolve(entry(catalog, 'Pages')) ?? '').map((page) => {
    const lines: string[] = [];
    const contents = entry(page, 'Contents') ?? '';
    const streams = [...contents.matchAll(/(\d+) \d+ R/g)].map((m) => decodeStream(objects.get(Number(m[1]))!).toString('latin1'));
    run(streams.join('\n'), resolve(entry(page, 'Resources')) ?? '', lines);
    return ideographs(lines.join('\n'));
  });
}
