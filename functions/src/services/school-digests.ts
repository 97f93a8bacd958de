import type { CountedRecord } from '#repositories/aggregates';
import { DIGEST_MAX_CHARS, GSI1_SCHOOL_PREFIX, type DigestEntry, type DigestState, type SchoolDigest } from '#repositories/school-digests';

/** The fields of an attendance item a digest keeps besides what is counted (the aggregator's Query projects them). */
export type DigestedRecord = CountedRecord & { GSI1PK?: string; GSI2SK?: string; kind?: string; signedInAt?: string; observationId?: string };

/** The value the most records share (ties: the smallest), so a session's kind and start are kept once. */
function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))[0]?.[0] ?? '';
}

/**
 * A session's records by the school semester they are filed in (each record's own GSI1PK, so a digest holds exactly
 * what the GSI1 Query `SCHOOL#<sid>#<semester>` returns for the session), each field as `creditFromItem` reads it.
 * Records without a school (no GSI1PK) are in no school's semester and in no digest.
 */
export function digestSession(sessionId: string, records: DigestedRecord[]): Map<string, SchoolDigest> {
  const byPartition = new Map<string, Array<{ userId: string; status: string; hours: number; signedInAt?: string; observationId?: string; kind: string; startAt: string }>>();
  for (const r of records) {
    const gsi1pk = r.GSI1PK;
    if (typeof gsi1pk !== 'string' || !gsi1pk.startsWith(GSI1_SCHOOL_PREFIX)) continue;
    const list = byPartition.get(gsi1pk) ?? [];
    list.push({
      userId: String(r.userId),
      status: String(r.status),
      hours: Number(r.creditedHours ?? 0),
      ...(r.signedInAt ? { signedInAt: String(r.signedInAt) } : {}),
      ...(r.observationId ? { observationId: String(r.observationId) } : {}),
      kind: String(r.kind ?? ''),
      // GSI2SK = ATT#<startAt>#<sessionId>; the ISO start has no '#'.
      startAt: String(r.GSI2SK ?? '').split('#')[1] ?? '',
    });
    byPartition.set(gsi1pk, list);
  }
  const out = new Map<string, SchoolDigest>();
  for (const [gsi1pk, list] of byPartition) {
    const kind = mostCommon(list.map((r) => r.kind));
    const startAt = mostCommon(list.map((r) => r.startAt));
    const entries: Record<string, DigestEntry> = {};
    for (const r of list) {
      const entry: DigestEntry = [r.status, r.hours, r.signedInAt ?? null, r.observationId ?? null, r.kind === kind ? null : r.kind, r.startAt === startAt ? null : r.startAt];
      while (entry.length > 2 && entry[entry.length - 1] == null) entry.pop();
      entries[r.userId] = entry;
    }
    const digest: SchoolDigest = { gsi1pk, sessionId, kind, startAt, records: entries };
    out.set(gsi1pk, JSON.stringify(digest).length > DIGEST_MAX_CHARS ? { gsi1pk, sessionId, kind, startAt, records: {}, overflow: true } : digest);
  }
  return out;
}

/** The digest of a school semester that has no record at the session (any more). */
const emptyDigest = (gsi1pk: string, sessionId: string): SchoolDigest => ({ gsi1pk, sessionId, kind: '', startAt: '', records: {} });

/**
 * What a computation that read `records` writes besides the counters: a digest per school semester the session was
 * ever digested into (`seen`, the state read before the records) or has records in now — the records' own, an empty
 * one for a school with none left — and the state listing them all.
 */
export function planDigests(sessionId: string, records: DigestedRecord[], seen: DigestState | undefined) {
  const digests = digestSession(sessionId, records);
  const partitions = [...new Set([...(seen?.partitions ?? []), ...digests.keys()])].sort();
  return { digests, partitions, all: partitions.map((p) => digests.get(p) ?? emptyDigest(p, sessionId)) };
}
