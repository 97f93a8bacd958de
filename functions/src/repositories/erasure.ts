import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ERASED_NAME, RETAINED_ARCHIVE_KINDS } from '@lianyan/shared';
import { batchGetAll, isConditionFailed, queryAll, type TableContext } from '#lib/dynamo';
import { archiveKeys } from './archive.ts';
import { phoneKey } from './people.ts';
import { recordKeys } from './records.ts';
import { sessionIdOfKey, sessionKey } from './sessions.ts';
import { userKeys } from './users.ts';

/**
 * The erasure of one account (注销), step by step; every step is idempotent, so a job cut short runs again from
 * the start. Reads are Queries on the person's own partition (`USER#<uid>`) and GSI2 (`USER#<uid>` / `ATT#`, `CHK#`,
 * `ENTRY#`, `REG#`, `IDENT#`): no Scan. What stays is anonymous: the profile keeps its id, position, subjects and
 * grades (the school's figures count them) under the name 已注销用户; role items stay so the semester's figures do not
 * change; attendance and check-ins stay as counts without name, device, text or photos.
 */

type Item = Record<string, unknown>;

export interface ErasurePlan {
  profile: Item;
  children: Array<{ id: string; name: string }>;
  entries: Array<{ id: string; kind: string; title: string; date: string; status: string; files: string[]; keep: boolean }>;
}

const retained = new Set<string>(RETAINED_ARCHIVE_KINDS);
/** An approved entry of a kind the school must keep stays (anonymous); all else goes with its files. */
const keepsEntry = (entry: { status?: unknown; kind?: unknown }) => entry.status === 'approved' && retained.has(String(entry.kind));

/** Sort-key prefixes of the person's items on GSI2 (`USER#<uid>`), by kind. */
const OWN_PREFIXES = { attendance: 'ATT#', checkIns: 'CHK#', entries: 'ENTRY#', registrations: 'REG#' } as const;
/** Sort-key prefixes in the person's own partition, by kind. */
const PARTITION_PREFIXES = { roles: 'ROLE#', children: 'CHILD#', consents: 'CONSENT#' } as const;

export function makeErasureRepository(ctx: TableContext) {
  const { db, table } = ctx;
  const byUser = (userId: string, prefix: string, projection?: string) =>
    queryAll(db, {
      TableName: table,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': prefix },
      ...(projection ? { ProjectionExpression: projection } : {}),
    });
  const inPartition = (userId: string, prefix: string) =>
    queryAll(db, {
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': prefix },
    });
  const remove = (key: { PK: unknown; SK: unknown }) => db.send(new DeleteCommand({ TableName: table, Key: { PK: key.PK, SK: key.SK } }));
  /** Runs writes a few at a time (a person has hundreds of records at most). */
  async function inBatches<T>(list: T[], write: (item: T) => Promise<unknown>) {
    for (let i = 0; i < list.length; i += 10) await Promise.all(list.slice(i, i + 10).map(write));
  }

  return {
    /** The person's items on GSI2 by kind (`ATT#`, `CHK#`, `ENTRY#`, `REG#`): their copy of their data reads these too. */
    listOwn: (userId: string, kind: keyof typeof OWN_PREFIXES) => byUser(userId, OWN_PREFIXES[kind]),
    /** The person's own partition by kind (`CONSENT#`, `CHILD#`, `ROLE#`). */
    listInPartition: (userId: string, kind: keyof typeof PARTITION_PREFIXES) => inPartition(userId, PARTITION_PREFIXES[kind]),
    /** Sessions and the person's reflections in them (their copy of their data), 100 keys a request. */
    getSessions: (sessionIds: string[]) => batchGetAll(db, table, sessionIds.map(sessionKey)),
    getReflections: (userId: string, sessionIds: string[]) => batchGetAll(db, table, sessionIds.map((id) => recordKeys.reflection(id, userId))),

    async getProfile(userId: string): Promise<Item | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: userKeys.profile(userId), ConsistentRead: true }));
      return out.Item;
    },

    async getDeletion(userId: string): Promise<Item | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: userKeys.deletion(userId), ConsistentRead: true }));
      return out.Item;
    },

    /** What the erasure would do: the preview shown before confirming, and the job's plan. */
    async plan(userId: string): Promise<ErasurePlan | undefined> {
      const profile = await this.getProfile(userId);
      if (!profile) return undefined;
      const [children, entries] = await Promise.all([inPartition(userId, PARTITION_PREFIXES.children), byUser(userId, OWN_PREFIXES.entries)]);
      return {
        profile,
        children: children.map((c) => ({ id: String(c.id), name: String(c.name) })),
        entries: entries.map((e) => ({
          id: String(e.id),
          kind: String(e.kind),
          title: String(e.title ?? ''),
          date: String(e.date ?? ''),
          status: String(e.status),
          files: ((e.evidenceFiles as Array<{ id: string }> | undefined) ?? []).map((f) => `evidence/${userId}/${f.id}`),
          keep: keepsEntry(e),
        })),
      };
    },

    /** Login identities (WeChat openid and unionid, DingTalk userid and unionid, dev account): deleted. */
    async eraseIdentities(userId: string): Promise<number> {
      const idents = await byUser(userId, 'IDENT#', 'PK, SK, userId');
      const own = idents.filter((i) => i.userId === userId);
      await inBatches(own, (i) => remove(i as { PK: unknown; SK: unknown }));
      return own.length;
    },

    /** The phone lookup item, when it still points at this person. */
    async erasePhone(userId: string, phone: string | undefined): Promise<void> {
      if (!phone) return;
      await db
        .send(
          new DeleteCommand({
            TableName: table,
            Key: phoneKey(phone),
            ConditionExpression: 'userId = :u',
            ExpressionAttributeValues: { ':u': userId },
          }),
        )
        .catch((e: unknown) => (isConditionFailed(e) ? undefined : Promise.reject(e)));
    },

    /** Consent history and past years' class links (the current links go through users.removeChild). */
    async erasePartitionExtras(userId: string): Promise<void> {
      const [consents, pastClasses] = await Promise.all([inPartition(userId, PARTITION_PREFIXES.consents), inPartition(userId, 'CLASSOF#')]);
      await inBatches([...consents, ...pastClasses], (i) => remove(i as { PK: unknown; SK: unknown }));
    },

    /** Attendance stays (the figures count it) without name and device; returns the sessions, for the reflections. */
    async anonymiseAttendance(userId: string): Promise<string[]> {
      const records = await byUser(userId, OWN_PREFIXES.attendance, 'PK, SK, sessionId');
      await inBatches(records, (r) =>
        db
          .send(
            new UpdateCommand({
              TableName: table,
              Key: { PK: r.PK, SK: r.SK },
              UpdateExpression: 'SET #name = :anon REMOVE deviceId',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#name': 'name' },
              ExpressionAttributeValues: { ':anon': ERASED_NAME },
            }),
          )
          .catch((e: unknown) => (isConditionFailed(e) ? undefined : Promise.reject(e))),
      );
      return [...new Set(records.map((r) => String(r.sessionId ?? sessionIdOfKey(r.PK))))];
    },

    /** Reflections (心得) and their versions on the sessions attended: deleted (the record's counters stay). */
    async eraseReflections(userId: string, sessionIds: string[]): Promise<void> {
      await inBatches(sessionIds, async (sessionId) => {
        const items = await queryAll(db, {
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':prefix': `REFLV#${userId}#` },
          ProjectionExpression: 'PK, SK',
        });
        await Promise.all([remove(recordKeys.reflection(sessionId, userId)), ...items.map((i) => remove(i as { PK: unknown; SK: unknown }))]);
      });
    },

    /** Check-ins stay as marks (completion, streak figures) without name, text or photos; returns the photo keys. */
    async anonymiseCheckIns(userId: string): Promise<string[]> {
      const items = await byUser(userId, OWN_PREFIXES.checkIns, 'PK, SK, photos');
      await inBatches(items, (c) =>
        db
          .send(
            new UpdateCommand({
              TableName: table,
              Key: { PK: c.PK, SK: c.SK },
              UpdateExpression: 'SET #name = :anon, #text = :empty, photos = :none REMOVE GSI1PK, GSI1SK',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#name': 'name', '#text': 'text' },
              ExpressionAttributeValues: { ':anon': ERASED_NAME, ':empty': '', ':none': [] },
            }),
          )
          .catch((e: unknown) => (isConditionFailed(e) ? undefined : Promise.reject(e))),
      );
      return items.flatMap((c) => ((c.photos as Array<{ id: string }> | undefined) ?? []).map((p) => `evidence/${userId}/${p.id}`));
    },

    /** Registrations (家长学校报名) stay as seats taken, without the name and phone. */
    async anonymiseRegistrations(userId: string): Promise<void> {
      const items = await byUser(userId, OWN_PREFIXES.registrations, 'PK, SK');
      await inBatches(items, (r) =>
        db
          .send(
            new UpdateCommand({
              TableName: table,
              Key: { PK: r.PK, SK: r.SK },
              UpdateExpression: 'SET #name = :anon REMOVE phone',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#name': 'name' },
              ExpressionAttributeValues: { ':anon': ERASED_NAME },
            }),
          )
          .catch((e: unknown) => (isConditionFailed(e) ? undefined : Promise.reject(e))),
      );
    },

    /** Archive entries not kept: deleted (the yearly totals the reports read stay). Returns their files. */
    async eraseEntries(plan: ErasurePlan): Promise<string[]> {
      const going = plan.entries.filter((e) => !e.keep);
      await inBatches(going, (e) => remove(archiveKeys.entry(e.id)));
      if (going.some((e) => e.status === 'pending')) await remove(archiveKeys.state(String(plan.profile.id)));
      return going.flatMap((e) => e.files);
    },

    /** The profile last: name, phone and consent gone, marked erased; then the queued deletion item. */
    async closeProfile(userId: string, at: string): Promise<void> {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: userKeys.profile(userId),
          UpdateExpression:
            'SET #name = :anon, #s = :deleted, deletedAt = :at REMOVE phone, consentVersion, consentAt, deletionDueAt, deletionRequestedAt, statusBefore, titles, avatarUrl',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#name': 'name', '#s': 'status' },
          ExpressionAttributeValues: { ':anon': ERASED_NAME, ':deleted': 'deleted', ':at': at },
        }),
      );
      await remove(userKeys.deletion(userId));
    },
  };
}
export type ErasureRepository = ReturnType<typeof makeErasureRepository>;
