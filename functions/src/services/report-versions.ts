import type { Logger } from '#lib/logger';
import type { ReportSnapshotRepository } from '#repositories/report-snapshots';
import type { StreamRecord } from './aggregates.ts';

// Which federations' reports a changed item can move (docs/design/aggregates.md "Report snapshots"): the stream
// aggregator raises their versions, so a snapshot computed before the change is not served after it.

type Image = Record<string, { S?: string; L?: Array<{ S?: string }> } | undefined>;

/** What one record tells about the federations it touches, before any lookup. */
export interface RecordReach {
  federations: string[];
  schools: string[];
  /** An attendance record: its session's federation is looked up. */
  sessions: string[];
  /** A profile: the federations of the schools the person has roles at are looked up. */
  users: string[];
  /** A change of every federation (a district-wide role, a change that names no federation). */
  all: boolean;
}

// Partitions none of whose items a federation or district report reads (high-volume ones above all): their changes
// raise nothing. Anything not listed here is taken to matter, and a change that names no federation raises all.
const UNREAD_PARTITIONS = ['RATE#', 'UPLOAD#', 'IMPORT#', 'TRAIL', 'CAMPAIGN#', 'INVITE#', 'IDENT#', 'PHONE#', 'CHILD#', 'CHILDIN#', 'ENTRY#', 'OBS#', 'SCALE#', 'GROUP#', 'OBSREMIND#', 'SCHOOLNAME#'];
// Within a session's partition the reports read the session and its attendance records only.
const READ_IN_SESSION = (sk: string) => sk === 'META' || sk.startsWith('ATT#');
// Within a person's partition: the profile (name, position, subject, erasure), roles and exchange roles, the archive
// totals (leaders' observations), having left a school, the exchange periods.
const UNREAD_IN_USER = ['CONSENT#', 'CHILD#', 'CLASSOF#', 'DELETION', 'ARCHIVE#STATE'];

const str = (image: Image | undefined, name: string) => image?.[name]?.S;

function scopeReach(scope: string | undefined, reach: RecordReach) {
  if (!scope) return;
  if (scope.startsWith('school:')) reach.schools.push(scope.slice('school:'.length));
  else if (scope.startsWith('federation:')) reach.federations.push(scope.slice('federation:'.length));
  else if (scope === 'district') reach.all = true;
}

/**
 * The federations, schools, sessions and people a record names, or undefined when no report reads its item (or it is
 * the aggregator's own output: counters, versions, snapshots — `isOwnOutput`).
 */
export function reachOfRecord(record: StreamRecord & { dynamodb?: { NewImage?: Image; OldImage?: Image } }, isOwnOutput: (pk: string, sk: string) => boolean): RecordReach | undefined {
  const pk = record?.dynamodb?.Keys?.PK?.S;
  const sk = record?.dynamodb?.Keys?.SK?.S;
  if (typeof pk !== 'string' || typeof sk !== 'string' || isOwnOutput(pk, sk)) return undefined;
  if (UNREAD_PARTITIONS.some((p) => pk.startsWith(p))) return undefined;
  if (pk.startsWith('SESSION#') && !READ_IN_SESSION(sk)) return undefined;
  if (pk.startsWith('USER#') && UNREAD_IN_USER.some((p) => sk.startsWith(p))) return undefined;
  const reach: RecordReach = { federations: [], schools: [], sessions: [], users: [], all: false };
  if (pk.startsWith('SESSION#') && sk.startsWith('ATT#')) reach.sessions.push(pk.slice('SESSION#'.length));
  if (pk.startsWith('FED#')) reach.federations.push(pk.slice('FED#'.length));
  if (pk.startsWith('SCHOOL#')) reach.schools.push(pk.slice('SCHOOL#'.length));
  if (pk.startsWith('OBSCOV#')) reach.schools.push(pk.slice('OBSCOV#'.length).split('#')[0] ?? '');
  if (pk.startsWith('USER#') && sk === 'PROFILE') reach.users.push(pk.slice('USER#'.length));
  if (sk.startsWith('ROLE#')) scopeReach(sk.split('#').slice(2).join('#'), reach);
  for (const image of [record.dynamodb?.NewImage, record.dynamodb?.OldImage]) {
    if (!image) continue;
    const fid = str(image, 'federationId');
    if (fid) reach.federations.push(fid);
    for (const name of ['schoolId', 'hostSchoolId', 'fromSchoolId', 'toSchoolId']) {
      const sid = str(image, name);
      if (sid) reach.schools.push(sid);
    }
    for (const item of image.audienceSchoolIds?.L ?? []) if (item.S) reach.schools.push(item.S);
    scopeReach(str(image, 'scope'), reach);
    const gsi1 = str(image, 'GSI1PK');
    if (gsi1?.startsWith('SCOPE#')) scopeReach(gsi1.slice('SCOPE#'.length), reach);
    if (gsi1?.startsWith('SCHOOL#')) reach.schools.push(gsi1.slice('SCHOOL#'.length).split('#')[0] ?? '');
  }
  reach.schools = reach.schools.filter(Boolean);
  if (!reach.federations.length && !reach.schools.length && !reach.sessions.length && !reach.users.length) reach.all = true;
  return reach;
}

/**
 * Raises the report versions of every federation the batch's records reach: schools resolve to every federation they
 * were ever in, sessions to theirs, a profile to the federations of the person's schools; a school, session or person
 * that resolves to none raises all. A raise repeated on a retried batch only invalidates again.
 */
export async function raiseReportVersions(records: unknown[], deps: { snapshots: ReportSnapshotRepository; isOwnOutput: (pk: string, sk: string) => boolean; log: Logger }) {
  const federations = new Set<string>();
  const schools = new Set<string>();
  const sessions = new Set<string>();
  const users = new Set<string>();
  let all = false;
  for (const record of records) {
    const reach = reachOfRecord(record as StreamRecord, deps.isOwnOutput);
    if (!reach) continue;
    reach.federations.forEach((f) => federations.add(f));
    reach.schools.forEach((s) => schools.add(s));
    reach.sessions.forEach((s) => sessions.add(s));
    reach.users.forEach((u) => users.add(u));
    all ||= reach.all;
  }
  if (!all) {
    // The lookups of one batch side by side: each is one GetItem or Query on its own key.
    const [scopesByUser, federationBySession, federationsBySchool] = await Promise.all([
      Promise.all([...users].map((u) => deps.snapshots.roleScopesOfUser(u))),
      Promise.all([...sessions].map((s) => deps.snapshots.federationOfSession(s))),
      Promise.all([...schools].map((s) => deps.snapshots.federationsOfSchool(s))),
    ]);
    const userSchools: string[] = [];
    for (const scopes of scopesByUser) {
      const reach: RecordReach = { federations: [], schools: [], sessions: [], users: [], all: false };
      for (const scope of scopes) scopeReach(scope, reach);
      if (!scopes.length) all = true;
      reach.federations.forEach((f) => federations.add(f));
      userSchools.push(...reach.schools.filter((s) => !schools.has(s)));
      all ||= reach.all;
    }
    for (const fid of federationBySession) {
      if (fid) federations.add(fid);
      else all = true;
    }
    for (const fids of [...federationsBySchool, ...(await Promise.all([...new Set(userSchools)].map((s) => deps.snapshots.federationsOfSchool(s))))]) {
      if (!fids.length) all = true;
      fids.forEach((f) => federations.add(f));
    }
  }
  if (!federations.size && !all) return;
  await deps.snapshots.raise(all ? [] : federations, all);
  deps.log.info('aggregate: report versions raised', { federations: all ? 'all' : federations.size });
}
