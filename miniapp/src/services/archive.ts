import * as z from 'zod/mini';
import {
  ARCHIVE_KINDS,
  Evidence,
  EntryStatus,
  type ArchiveEntry,
  type ArchiveEntryInput,
  type ArchiveKind,
  type ArchiveList,
  type ArchiveSummary,
  type CreateUploadRequest,
  type PrintLink,
  type ReviewList,
  type ReviewRequest,
  type SchoolArchiveOverview,
  type UploadTicket,
} from '@lianyan/shared';
import { request } from './request';

// shared/ types these answers without schemas: check the fields the pages rely on, keep the rest as sent.
function conforms<T>(shape: z.ZodMiniType): z.ZodMiniType<T> {
  return z.custom<T>((value) => shape.safeParse(value).success);
}

const Person = z.looseObject({ id: z.string(), name: z.string() });
const EntryShape = z.looseObject({
  id: z.string(),
  kind: z.enum(ARCHIVE_KINDS),
  source: z.enum(['entered', 'derived']),
  status: EntryStatus,
  hours: z.number(),
  title: z.string(),
  date: z.string(),
  evidenceFiles: z.array(Evidence),
});

const ArchiveEntryResponse = conforms<ArchiveEntry>(EntryShape);
const ArchiveListResponse = conforms<ArchiveList>(z.looseObject({ person: Person, from: z.string(), to: z.string(), entries: z.array(EntryShape) }));
const SummaryResponse = conforms<ArchiveSummary>(
  z.looseObject({
    person: Person,
    year: z.string(),
    semester: z.string(),
    training: z.looseObject({ hours: z.number(), target: z.number(), cycleHours: z.number(), cycleTarget: z.number(), cycle: z.string() }),
    observations: z.looseObject({ count: z.number(), target: z.optional(z.number()) }),
    counts: z.record(z.string(), z.number()),
    pending: z.number(),
    onTrack: z.boolean(),
  }),
);
const ReviewListResponse = conforms<ReviewList>(
  z.looseObject({ items: z.array(z.extend(EntryShape, { personName: z.string() })), nextCursor: z.optional(z.string()) }),
);
const SchoolOverviewResponse = conforms<SchoolArchiveOverview>(
  z.looseObject({
    school: z.looseObject({ id: z.string(), name: z.string() }),
    year: z.string(),
    rows: z.array(
      z.looseObject({ userId: z.string(), name: z.string(), hours: z.number(), hoursTarget: z.number(), observations: z.number(), onTrack: z.boolean() }),
    ),
  }),
);
const UploadTicketResponse = conforms<UploadTicket>(
  z.looseObject({ uploadId: z.string(), url: z.string(), method: z.literal('PUT'), headers: z.record(z.string(), z.string()) }),
);
const PrintLinkResponse = conforms<PrintLink>(z.looseObject({ url: z.string(), expiresAt: z.string() }));
const Deleted = z.unknown();

export interface ArchiveFilter {
  year?: string;
  from?: string;
  to?: string;
  userId?: string;
  kind?: ArchiveKind;
}

/** `?year=2026-2027&userId=…`, leaving out what is not set. */
function queryString(params: Record<string, string | undefined>): string {
  const pairs = Object.entries(params).filter((entry): entry is [string, string] => !!entry[1]);
  return pairs.length ? `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : '';
}

const entryPath = (id: string, rest = '') => `/v1/archive/entries/${encodeURIComponent(id)}${rest}`;
const schoolPath = (schoolId: string, rest: string) => `/v1/schools/${encodeURIComponent(schoolId)}${rest}`;

/** One person's archive lines, newest first: mine, or a teacher's of my school with `userId`. */
export function getArchive(filter: ArchiveFilter): Promise<ArchiveList> {
  return request(`/v1/archive${queryString({ ...filter })}`, ArchiveListResponse, { silent: true });
}

export function getArchiveSummary(filter: { year?: string; userId?: string }): Promise<ArchiveSummary> {
  return request(`/v1/archive/summary${queryString(filter)}`, SummaryResponse, { silent: true });
}

export function createEntry(input: ArchiveEntryInput): Promise<ArchiveEntry> {
  return request('/v1/archive/entries', ArchiveEntryResponse, { method: 'POST', data: input, silent: true });
}

// POST, not PATCH: wx.request has no PATCH and older DingTalk clients refuse PATCH and PUT.
export function updateEntry(id: string, input: ArchiveEntryInput): Promise<ArchiveEntry> {
  return request(entryPath(id), ArchiveEntryResponse, { method: 'POST', data: input, silent: true });
}

export async function deleteEntry(id: string): Promise<void> {
  // POST …/delete rather than DELETE, for the DingTalk clients that refuse methods other than GET and POST.
  await request(entryPath(id, '/delete'), Deleted, { method: 'POST', silent: true });
}

/** A short-lived link to PUT one evidence file to. */
export function createUpload(body: CreateUploadRequest): Promise<UploadTicket> {
  return request('/v1/uploads', UploadTicketResponse, { method: 'POST', data: body, silent: true });
}

/** Entries of a school waiting for its admin, oldest first as the API sends them. */
export function listReviews(schoolId: string, cursor?: string): Promise<ReviewList> {
  return request(schoolPath(schoolId, `/archive-reviews${queryString({ cursor })}`), ReviewListResponse, { silent: true });
}

export function reviewEntry(id: string, body: ReviewRequest): Promise<ArchiveEntry> {
  return request(entryPath(id, '/review'), ArchiveEntryResponse, { method: 'POST', data: body, silent: true });
}

export function getSchoolArchive(schoolId: string, year: string): Promise<SchoolArchiveOverview> {
  return request(schoolPath(schoolId, `/archive${queryString({ year })}`), SchoolOverviewResponse, { silent: true });
}

export function schoolArchiveExportPath(schoolId: string, year: string, format: 'csv' | 'xlsx'): string {
  return schoolPath(schoolId, `/archive${queryString({ year, format })}`);
}

/** A no-login link to the print-ready page of an archive. */
export function getPrintLink(filter: { year?: string; from?: string; to?: string; userId?: string }): Promise<PrintLink> {
  return request(`/v1/archive/print-link${queryString(filter)}`, PrintLinkResponse, { silent: true });
}
