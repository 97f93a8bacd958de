import type { S3Client } from '@aws-sdk/client-s3';
import type { BlobStore } from './blobs.ts';
import { SNIFF_BYTES } from './sniff.ts';

type S3 = typeof import('@aws-sdk/client-s3');

/**
 * The S3 store. The SDK's S3 client is provided by the Lambda runtime and loaded on first use, so functions
 * that never touch files do not pay for it at cold start.
 */
export function makeS3BlobStore(options: { bucket: string; region: string }): BlobStore {
  let loaded: Promise<{ sdk: S3; client: S3Client; presign: typeof import('@aws-sdk/s3-request-presigner').getSignedUrl }> | undefined;
  const load = () =>
    (loaded ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]).then(([sdk, presigner]) => ({
      sdk,
      client: new sdk.S3Client({ region: options.region }),
      presign: presigner.getSignedUrl,
    })));
  const Bucket = options.bucket;

  return {
    async presignPut(key, spec) {
      const { sdk, client, presign } = await load();
      const command = new sdk.PutObjectCommand({ Bucket, Key: key, ContentType: spec.contentType, ContentLength: spec.size });
      // Content type and length are signed: S3 refuses a PUT of another size or declared type.
      const url = await presign(client, command, {
        expiresIn: spec.expiresInSeconds,
        signableHeaders: new Set(['content-type', 'content-length']),
      });
      return { url, headers: { 'content-type': spec.contentType } };
    },

    async presignGet(key, spec) {
      const { sdk, client, presign } = await load();
      const command = new sdk.GetObjectCommand({
        Bucket,
        Key: key,
        ResponseContentType: spec.contentType,
        ResponseContentDisposition: `inline; filename*=UTF-8''${encodeURIComponent(spec.fileName)}`,
      });
      return presign(client, command, { expiresIn: spec.expiresInSeconds });
    },

    async stat(key) {
      const { sdk, client } = await load();
      try {
        const out = await client.send(new sdk.GetObjectCommand({ Bucket, Key: key, Range: `bytes=0-${SNIFF_BYTES - 1}` }));
        const head = await out.Body?.transformToByteArray();
        const total = /\/(\d+)$/.exec(out.ContentRange ?? '')?.[1];
        return { size: total ? Number(total) : (out.ContentLength ?? 0), head: head ?? new Uint8Array() };
      } catch (error) {
        if (error instanceof sdk.NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },

    async move(from, to) {
      const { sdk, client } = await load();
      try {
        await client.send(new sdk.CopyObjectCommand({ Bucket, Key: to, CopySource: `${Bucket}/${encodeURIComponent(from).replace(/%2F/g, '/')}` }));
      } catch (error) {
        // Moved a moment ago by a concurrent request (the source is gone, the target is there): done.
        const missing = error instanceof sdk.NoSuchKey || (error as { name?: string }).name === 'NoSuchKey';
        if (missing && (await this.stat(to))) return;
        throw error;
      }
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: from }));
    },

    async remove(key) {
      const { sdk, client } = await load();
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: key }));
    },

    async read(key) {
      const { sdk, client } = await load();
      try {
        const out = await client.send(new sdk.GetObjectCommand({ Bucket, Key: key }));
        const bytes = await out.Body?.transformToByteArray();
        return bytes ? Buffer.from(bytes) : Buffer.alloc(0);
      } catch (error) {
        if (error instanceof sdk.NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },

    async write(key, data, contentType) {
      const { sdk, client } = await load();
      await client.send(new sdk.PutObjectCommand({ Bucket, Key: key, Body: data, ContentType: contentType }));
    },
  };
}
