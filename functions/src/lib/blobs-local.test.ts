import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLocalBlobStore } from './blobs-local.ts';
import { readLink, signLink } from './signed-link.ts';
import { sniffContentType } from './sniff.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1');

describe('content sniffing', () => {
  it('tells the accepted types by their first bytes', () => {
    expect(sniffContentType(PNG)).toBe('image/png');
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffContentType(PDF)).toBe('application/pdf');
    expect(sniffContentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeUndefined();
    expect(sniffContentType(Buffer.from('MZ\u0090\u0000'))).toBeUndefined();
  });
});

describe('signed links', () => {
  it('reads back what it signed until it expires, and nothing altered', () => {
    const token = signLink({ u: 'u-1', exp: 2_000 }, 'k'.repeat(32));
    expect(readLink(token, 'k'.repeat(32), 1_000_000)).toEqual({ u: 'u-1', exp: 2_000 });
    expect(readLink(token, 'k'.repeat(32), 2_000_001)).toBeUndefined();
    expect(readLink(token, 'x'.repeat(32), 1_000_000)).toBeUndefined();
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ u: 'u-2', exp: 2_000 })).toString('base64url');
    expect(readLink(`${forged}.${sig}`, 'k'.repeat(32), 1_000_000)).toBeUndefined();
    expect(readLink(`${body}`, 'k'.repeat(32), 1_000_000)).toBeUndefined();
  });
});

describe('the local file store', () => {
  let server: Server;
  let origin = '';
  const store = makeLocalBlobStore({ dir: mkdtempSync(join(tmpdir(), 'blobs-test-')), secret: 's'.repeat(32) });

  beforeAll(async () => {
    server = createServer((req, res) => {
      void store.handle(req, res).then((handled) => {
        if (!handled) res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const put = async (key: string, bytes: Buffer, contentType: string, size = bytes.length) => {
    const link = await store.presignPut(key, { contentType, size, expiresInSeconds: 60, origin });
    return fetch(link.url, { method: 'PUT', headers: link.headers, body: bytes });
  };

  it('stores a PUT that matches its link and serves it back through a read link', async () => {
    expect((await put('incoming/u-1/a', PDF, 'application/pdf')).status).toBe(200);
    expect(await store.stat('incoming/u-1/a')).toEqual({ size: PDF.length, head: PDF.subarray(0, 16) });
    await store.move('incoming/u-1/a', 'evidence/u-1/a');
    expect(await store.stat('incoming/u-1/a')).toBeUndefined();
    const url = await store.presignGet('evidence/u-1/a', { expiresInSeconds: 60, origin, fileName: '教案.pdf', contentType: 'application/pdf' });
    const res = await fetch(url);
    expect(res.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent('教案.pdf')}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await fetch(url.replace('op=get', 'op=put'))).status).toBe(403);
  });

  it('refuses a body that is not what the link says, and writes nothing', async () => {
    expect((await put('incoming/u-1/b', Buffer.from('plain text, not a picture'), 'image/png')).status).toBe(415);
    expect(await store.stat('incoming/u-1/b')).toBeUndefined();
    expect((await put('incoming/u-1/c', PNG, 'image/png', PNG.length + 1)).status).toBe(403);
    expect((await put('incoming/u-1/d', PNG, 'image/jpeg')).status).toBe(415);
    expect(await store.stat('incoming/u-1/d')).toBeUndefined();
    await expect(store.presignPut('../etc/passwd', { contentType: 'image/png', size: 1, expiresInSeconds: 1, origin })).rejects.toThrow('invalid blob key');
  });

  it('refuses an expired link', async () => {
    const link = await store.presignPut('incoming/u-1/e', { contentType: 'image/png', size: PNG.length, expiresInSeconds: -1, origin });
    expect((await fetch(link.url, { method: 'PUT', headers: link.headers, body: PNG })).status).toBe(403);
  });
});
