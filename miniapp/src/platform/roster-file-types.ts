/** A roster file (XLSX or CSV) the admin picked, read into memory (at most a few MB). */
export interface RosterFile {
  name: string;
  size: number;
  body: Blob | ArrayBuffer;
}

export interface RosterFilePlatform {
  /** Where the picker takes files from, shown on its button. */
  pickLabel: string;
  /** The picked file, or null when the picker was closed. */
  pick(): Promise<RosterFile | null>;
}
