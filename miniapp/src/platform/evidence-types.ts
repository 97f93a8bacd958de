import type { UploadTicket } from '@lianyan/shared';

/** A file the user picked as evidence, not yet uploaded. */
export interface PickedFile {
  name: string;
  /** Claimed by the name or the picker; the server checks the content. */
  contentType: string;
  /** An image source for the thumbnail: a temporary path, or an object URL in the browser. */
  previewUrl: string;
  /** A temporary file path (mini-programs) or the File itself (browser). */
  source: string | Blob;
}

export type PickKind = 'image' | 'pdf' | 'any';

export interface EvidencePlatform {
  /** The pick buttons this platform offers, in order. */
  pickers: ReadonlyArray<{ kind: PickKind; label: string }>;
  /** Lets the user choose up to `max` files; an empty list when they cancel. */
  pick(kind: PickKind, max: number): Promise<PickedFile[]>;
  /** The bytes to send, read once (their length is the size the upload ticket asks for). */
  read(file: PickedFile): Promise<Blob | ArrayBuffer>;
  /** PUTs the bytes to the ticket's link; rejects with a message for people. */
  put(body: Blob | ArrayBuffer, ticket: UploadTicket, onProgress: (share: number) => void): Promise<void>;
  /** Shows an uploaded file: images in the viewer, PDF in the document viewer or a new tab. */
  open(file: { url?: string | undefined; contentType: string; name: string }): Promise<void>;
  /** Frees what a thumbnail holds (object URLs in the browser). */
  release(file: PickedFile): void;
}
