import * as z from 'zod/mini';
import {
  Briefing,
  BriefingLink,
  BriefingPhotos,
  MyReflection,
  PendingReflectionList,
  RecordBundle,
  RecordsStatus,
  ReflectionList,
  ReflectionSettings,
  SessionFileList,
  type AttachSessionFilesRequest,
  type PublishExcerptsRequest,
  type ReflectionSettingsRequest,
  type SaveReflectionRequest,
} from '@lianyan/shared';
import { request } from './request';

const Removed = z.object({ removed: z.literal(true) });
const sessionPath = (sessionId: string, rest: string) => `/v1/sessions/${encodeURIComponent(sessionId)}/${rest}`;
const path = (sessionId: string) => sessionPath(sessionId, 'reflections/me');

// Writes go as POST aliases: wx.request has no PATCH, and older clients no PUT or DELETE.

/** What the organizer asks for, my reflection, its submitted versions, whether I may still edit. */
export function getMyReflection(sessionId: string): Promise<MyReflection> {
  return request(path(sessionId), MyReflection, { silent: true });
}

/** Saves a draft (`submit: false`) or submits. */
export function saveMyReflection(sessionId: string, body: SaveReflectionRequest): Promise<MyReflection> {
  return request(path(sessionId), MyReflection, { method: 'POST', data: body, silent: true });
}

/** 待提交心得: sessions I signed in to whose reflection is asked for and not yet submitted. */
export function listMyPendingReflections(): Promise<PendingReflectionList> {
  return request('/v1/me/reflections', PendingReflectionList, { silent: true });
}

/** The session's files and photos, each with a short-lived link. */
export function listSessionFiles(sessionId: string): Promise<SessionFileList> {
  return request(sessionPath(sessionId, 'files'), SessionFileList, { silent: true });
}

/** Attaches finished uploads to the session under one category; resolves with the files attached. */
export function attachSessionFiles(sessionId: string, body: AttachSessionFilesRequest): Promise<SessionFileList> {
  return request(sessionPath(sessionId, 'files'), SessionFileList, { method: 'POST', data: body, silent: true });
}

export function removeSessionFile(sessionId: string, fileId: string): Promise<z.infer<typeof Removed>> {
  return request(sessionPath(sessionId, `files/${encodeURIComponent(fileId)}/delete`), Removed, { method: 'POST', silent: true });
}

/** Asks attendees for a reflection, or changes what is asked; published excerpts are kept. */
export function requestReflections(sessionId: string, body: ReflectionSettingsRequest): Promise<ReflectionSettings> {
  return request(sessionPath(sessionId, 'reflection-request'), ReflectionSettings, { method: 'POST', data: body, silent: true });
}

/** Every reflection of the session, with how many of those who signed in have submitted. */
export function listReflections(sessionId: string): Promise<ReflectionList> {
  return request(sessionPath(sessionId, 'reflections'), ReflectionList, { silent: true });
}

/** The excerpts the briefing shows; each text a word-for-word passage of a submitted reflection. */
export function publishExcerpts(sessionId: string, body: PublishExcerptsRequest): Promise<ReflectionSettings> {
  return request(sessionPath(sessionId, 'reflections/excerpts'), ReflectionSettings, { method: 'POST', data: body, silent: true });
}

/** The photos the briefing shows, in this order (none: the first photos uploaded). */
export function setBriefingPhotos(sessionId: string, fileIds: string[]): Promise<BriefingPhotos> {
  return request(sessionPath(sessionId, 'briefing-photos'), BriefingPhotos, { method: 'POST', data: { fileIds }, silent: true });
}

export function getBriefing(sessionId: string): Promise<Briefing> {
  return request(sessionPath(sessionId, 'briefing'), Briefing, { silent: true });
}

/** A link to the printable briefing that opens without a login. */
export function getBriefingLink(sessionId: string): Promise<BriefingLink> {
  return request(sessionPath(sessionId, 'briefing-link'), BriefingLink, { silent: true });
}

/** Builds the session's record bundle (ZIP) and links to it. */
export function getRecordBundle(sessionId: string): Promise<RecordBundle> {
  return request(sessionPath(sessionId, 'record-bundle'), RecordBundle, { silent: true });
}

/** 活动档案情况: what the records of a federation's sessions in a semester lack. */
export function getRecordsStatus(federationId: string, semester: string): Promise<RecordsStatus> {
  return request(`/v1/federations/${encodeURIComponent(federationId)}/records-status?semester=${encodeURIComponent(semester)}`, RecordsStatus, { silent: true });
}
