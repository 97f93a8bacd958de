import * as z from 'zod/mini';
import type { CoverageObserver } from './observations.ts';

// 听评课 across a federation: each school's coverage and the leaders' observations against their targets
// (definitions in docs/design/observations.md). Read by GET /v1/federations/{id}/observation-coverage and the federation report.

/** One school's line: its teachers, how many were observed this semester, and its leaders against their targets. */
export interface SchoolCoverageRow {
  schoolId: string;
  schoolName: string;
  isCore: boolean;
  teachers: number;
  observed: number;
  /** observed / teachers, 0–1, 3 decimals (0 for a school without teachers). */
  rate: number;
  leaders: number;
  leadersMet: number;
  leadersOnTrack: number;
}

/** A school leader (校长 30, 副校长 / 教导主任 40 by default) with their semester's count. */
export interface LeaderObservationRow extends CoverageObserver {
  schoolId: string;
  schoolName: string;
  met: boolean;
}

export interface FederationCoverage {
  federationId: string;
  federationName: string;
  semester: string;
  teachers: number;
  observed: number;
  rate: number;
  schools: SchoolCoverageRow[];
  leaders: LeaderObservationRow[];
  leadersMet: number;
  leadersOnTrack: number;
}

const anObject = (v: unknown) => typeof v === 'object' && v !== null;
export const FederationCoverageReply = z.custom<FederationCoverage>((v) => anObject(v) && Array.isArray((v as { schools?: unknown }).schools));
