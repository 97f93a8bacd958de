// Evidence files: the client PUTs the bytes straight to storage through a short-lived signed link.
// AWS: an S3 bucket (blobs-s3.ts). Locally: files under the data directory, served by the local server
// (blobs-local.ts) with the same interface and the same limits.

export interface PutLink {
  url: string;
  /** Headers the client must send with the PUT (they are part of the signature). */
  headers: Record<string, string>;
}

export interface StoredBlob {
  size: number;
  /** The first bytes, to check the type by content. */
  head: Uint8Array;
}

export interface BlobStore {
  /** A link to PUT exactly `size` bytes of `contentType` at `key`, valid for `expiresInSeconds`. */
  presignPut(key: string, spec: { contentType: string; size: number; expiresInSeconds: number; origin: string }): Promise<PutLink>;
  /** A link to read `key`, valid for `expiresInSeconds`. */
  presignGet(key: string, spec: { expiresInSeconds: number; origin: string; fileName: string; contentType: string }): Promise<string>;
  /** Size and first bytes of a stored object, or undefined when nothing is there. */
  stat(key: string): Promise<StoredBlob | undefined>;
  /** Moves an object (copy, then delete the source). */
  move(from: string, to: string): Promise<void>;
  remove(key: string): Promise<void>;
  /** The whole object, or undefined when nothing is there (files the server itself packs, e.g. a record bundle). */
  read(key: string): Promise<Buffer | undefined>;
  /** Stores an object the server made (not a client upload). */
  write(key: string, data: Buffer, contentType: string): Promise<void>;
}
