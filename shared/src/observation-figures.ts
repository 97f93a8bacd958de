import * as z from 'zod/mini';
import { Id } from './common.ts';
import type { DimensionAverages, ObserverKind } from './observations.ts';

// 听评课 over time in a teacher's growth archive: the lessons of theirs that were observed, the scale's dimension
// means by semester, and the feedback received. Read by GET /v1/archive/observations and the printable archive.

export const ArchiveObservationsQuery = z.strictObject({ userId: z.optional(Id) });
export type ArchiveObservationsQuery = z.infer<typeof ArchiveObservationsQuery>;

/** One semester's observations filled in with one scale: dimension means and the mean weighted total (0–100). */
export interface SemesterObservations extends DimensionAverages {
  semester: string;
  total: number;
}

/** What the observed teacher received, as the archive lists it. */
export interface ReceivedFeedback {
  id: string;
  startedAt: string;
  semester: string;
  observerName: string;
  observerKind: ObserverKind;
  subject: string;
  grade: string;
  className: string;
  topic?: string;
  scaleName: string;
  total: number;
  strengths: string;
  suggestions: string;
  acknowledgedAt?: string;
  reflection?: string;
}

export interface ArchiveObservations {
  userId: string;
  count: number;
  /** Latest semester first. */
  semesters: SemesterObservations[];
  /** Latest first. */
  feedback: ReceivedFeedback[];
}

const anObject = (v: unknown) => typeof v === 'object' && v !== null;
export const ArchiveObservationsReply = z.custom<ArchiveObservations>((v) => anObject(v) && Array.isArray((v as { semesters?: unknown }).semesters));
