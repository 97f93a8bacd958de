import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SESSION_FILE_CATEGORIES, type Reflection, type ReflectionSettings, type ReflectionVersion, type SessionFile, type SessionFileCategory } from '@lianyan/shared';
import { batchGetAll, cancellationCodes, isConditionFailed, queryAll, type TableContext } from '#lib/dynamo';

/** A session file as stored: the shared shape plus where its bytes are. */
export type StoredSessionFile = Omit<SessionFile, 'url'> & { key: string };

/** Another save of the same reflection got there first. */
export class ReflectionChanged extends Error {
  override readonly name = 'ReflectionChanged';
}

/** Counters of a session's record (files by category, first submissions of reflections) and the briefing's photo choice. */
export interface RecordCounts {
  files: Record<SessionFileCategory, number>;
  submitted: number;
  briefingPhotoIds?: string[];
}

export const recordKeys = {
  counts: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: 'RECORDSTAT' }),
  file: (sessionId: string, fileId: string) => ({ PK: `SESSION#${sessionId}`, SK: `FILE#${fileId}` }),
  settings: (sessionId: string) => ({ PK: `SESSION#${sessionId}`, SK: 'RECORD' }),
  reflection: (sessionId: string, userId: string) => ({ PK: `SESSION#${sessionId}`, SK: `REFL#${userId}` }),
  version: (sessionId: string, userId: string, version: number) => ({
    PK: `SESSION#${sessionId}`,
    SK: `REFLV#${userId}#${String(version).padStart(4, '0')}`,
  }),
};

function strip<T>(item: Record<string, unknown>): T {
  const { PK: _p, SK: _s, type: _t, ...rest } = item;
  return rest as T;
}

export function makeRecordRepository({ db, table }: TableContext) {
  const querySession = (sessionId: string, prefix: string) =>
    queryAll(db, {
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':prefix': prefix },
      ConsistentRead: true,
    });

  /** Written only if the reflection is still as it was read (absent, or last saved at `previousUpdatedAt`). */
  const reflectionPut = (reflection: Reflection, previousUpdatedAt: string | undefined) => ({
    TableName: table,
    Item: { ...recordKeys.reflection(reflection.sessionId, reflection.userId), type: 'reflection', ...reflection },
    ...(previousUpdatedAt
      ? { ConditionExpression: 'updatedAt = :prev', ExpressionAttributeValues: { ':prev': previousUpdatedAt } }
      : { ConditionExpression: 'attribute_not_exists(PK)' }),
  });

  /** ADD to a counter of the session's RECORDSTAT item (created by the first ADD). */
  const count = (sessionId: string, counter: string, by: number) => ({
    Update: {
      TableName: table,
      Key: recordKeys.counts(sessionId),
      UpdateExpression: 'SET #type = :type ADD #n :by',
      ExpressionAttributeNames: { '#type': 'type', '#n': counter },
      ExpressionAttributeValues: { ':type': 'recordCounts', ':by': by },
    },
  });
  const fileExists = async (sessionId: string, fileId: string) =>
    Boolean((await db.send(new GetCommand({ TableName: table, Key: recordKeys.file(sessionId, fileId), ConsistentRead: true, ProjectionExpression: 'PK' }))).Item);
  const fileCounter = (category: SessionFileCategory) => `files_${category}`;
  const countsFromItem = (item: Record<string, unknown> | undefined): RecordCounts => ({
    files: Object.fromEntries(SESSION_FILE_CATEGORIES.map((c) => [c, Number(item?.[fileCounter(c)] ?? 0)])) as RecordCounts['files'],
    submitted: Number(item?.submitted ?? 0),
    ...(Array.isArray(item?.briefingPhotoIds) ? { briefingPhotoIds: item.briefingPhotoIds as string[] } : {}),
  });

  return {
    // a session's file: TransactWriteItems Put PK=SESSION#<id>, SK=FILE#<uploadId> (an upload is attached once) + ADD to RECORDSTAT
    async putFile(file: StoredSessionFile): Promise<boolean> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: { ...recordKeys.file(file.sessionId, file.id), type: 'sessionFile', ...file },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              count(file.sessionId, fileCounter(file.category), 1),
            ],
          }),
        );
        return true;
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[0] === 'ConditionalCheckFailed') return false;
        // Two attaches of the same upload at once: the other one's transaction conflicted with this one and wrote it.
        if (codes?.includes('TransactionConflict') && (await fileExists(file.sessionId, file.id))) return false;
        throw error;
      }
    },

    // the record's counters: GetItem PK=SESSION#<id>, SK=RECORDSTAT
    async getCounts(sessionId: string): Promise<RecordCounts> {
      const out = await db.send(new GetCommand({ TableName: table, Key: recordKeys.counts(sessionId), ConsistentRead: true }));
      return countsFromItem(out.Item);
    },

    // counters and reflection requests of many sessions (records status): BatchGetItem SESSION#<id> / RECORDSTAT and RECORD
    async getRecordsOfSessions(sessionIds: string[]): Promise<Map<string, { counts: RecordCounts; settings?: ReflectionSettings }>> {
      return (await this.getRecordsOfSessionsWith(sessionIds, () => [])).records;
    },

    /**
     * The same, with more items of each session's partition in the same BatchGets (`also`: their keys), returned as
     * read (活动档案情况 adds the attendance counters).
     */
    async getRecordsOfSessionsWith(sessionIds: string[], also: (sessionId: string) => Array<{ PK: string; SK: string }>) {
      const records = new Map<string, { counts: RecordCounts; settings?: ReflectionSettings }>();
      const extra: Record<string, unknown>[] = [];
      const ids = [...new Set(sessionIds)];
      for (const id of ids) records.set(id, { counts: countsFromItem(undefined) });
      for (const item of await batchGetAll(db, table, ids.flatMap((id) => [recordKeys.counts(id), recordKeys.settings(id), ...also(id)]))) {
        const entry = records.get(String(item.PK).slice('SESSION#'.length));
        if (!entry) continue;
        if (item.SK === 'RECORD') entry.settings = strip<ReflectionSettings>(item);
        else if (item.SK === 'RECORDSTAT') entry.counts = countsFromItem(item);
        else extra.push(item);
      }
      return { records, extra };
    },

    // the briefing's photos: UpdateItem PK=SESSION#<id>, SK=RECORDSTAT SET briefingPhotoIds
    async setBriefingPhotos(sessionId: string, fileIds: string[]) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: recordKeys.counts(sessionId),
          UpdateExpression: 'SET #type = :type, briefingPhotoIds = :ids',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':type': 'recordCounts', ':ids': fileIds },
        }),
      );
    },

    // files of a session: Query PK=SESSION#<id>, SK begins_with FILE# (upload ids are ULIDs: oldest first)
    async listFiles(sessionId: string): Promise<StoredSessionFile[]> {
      return (await querySession(sessionId, 'FILE#')).map((i) => strip<StoredSessionFile>(i));
    },

    async getFile(sessionId: string, fileId: string): Promise<StoredSessionFile | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: recordKeys.file(sessionId, fileId), ConsistentRead: true }));
      return out.Item ? strip<StoredSessionFile>(out.Item) : undefined;
    },

    /** Deletes the file and lowers its category's counter, once: false when it was already gone. */
    async deleteFile(file: Pick<StoredSessionFile, 'sessionId' | 'id' | 'category'>): Promise<boolean> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Delete: { TableName: table, Key: recordKeys.file(file.sessionId, file.id), ConditionExpression: 'attribute_exists(PK)' } },
              count(file.sessionId, fileCounter(file.category), -1),
            ],
          }),
        );
        return true;
      } catch (error) {
        if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
        throw error;
      }
    },

    // record settings of a session (reflection request, published excerpts): GetItem PK=SESSION#<id>, SK=RECORD
    async getSettings(sessionId: string): Promise<ReflectionSettings | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: recordKeys.settings(sessionId), ConsistentRead: true }));
      return out.Item ? strip<ReflectionSettings>(out.Item) : undefined;
    },

    /**
     * Saves settings read as `previous` (undefined: none yet) only if nobody wrote them since (another organizer, or the
     * erasure taking an excerpt off): 'changed' otherwise, and nothing is overwritten.
     */
    async putSettings(settings: ReflectionSettings, previous: ReflectionSettings | undefined): Promise<'ok' | 'changed'> {
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: { ...recordKeys.settings(settings.sessionId), type: 'sessionRecord', ...settings },
            ...(previous
              ? { ConditionExpression: 'updatedAt = :at AND excerpts = :excerpts', ExpressionAttributeValues: { ':at': previous.updatedAt, ':excerpts': previous.excerpts } }
              : { ConditionExpression: 'attribute_not_exists(PK)' }),
          }),
        );
        return 'ok';
      } catch (error) {
        if (isConditionFailed(error)) return 'changed';
        throw error;
      }
    },

    // one reflection per (session, attendee): GetItem PK=SESSION#<id>, SK=REFL#<uid>
    async getReflection(sessionId: string, userId: string): Promise<Reflection | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: recordKeys.reflection(sessionId, userId), ConsistentRead: true }));
      return out.Item ? strip<Reflection>(out.Item) : undefined;
    },

    // reflection requests and one person's reflections for many sessions: BatchGetItem SESSION#<id> / RECORD and REFL#<uid>
    async getRecordsOfUser(sessionIds: string[], userId: string): Promise<Map<string, { settings?: ReflectionSettings; reflection?: Reflection }>> {
      const found = new Map<string, { settings?: ReflectionSettings; reflection?: Reflection }>();
      const ids = [...new Set(sessionIds)];
      for (const item of await batchGetAll(db, table, ids.flatMap((id) => [recordKeys.settings(id), recordKeys.reflection(id, userId)]))) {
        const sessionId = String(item.PK).slice('SESSION#'.length);
        const entry = found.get(sessionId) ?? {};
        if (item.SK === 'RECORD') entry.settings = strip<ReflectionSettings>(item);
        else entry.reflection = strip<Reflection>(item);
        found.set(sessionId, entry);
      }
      return found;
    },

    // one person's reflections over many sessions (the growth archive): BatchGetItem SESSION#<id> / REFL#<uid>
    async getReflectionsOfUser(sessionIds: string[], userId: string): Promise<Map<string, Reflection>> {
      const found = new Map<string, Reflection>();
      const ids = [...new Set(sessionIds)];
      for (const item of await batchGetAll(db, table, ids.map((id) => recordKeys.reflection(id, userId)))) {
        found.set(String(item.sessionId), strip<Reflection>(item));
      }
      return found;
    },

    // reflections of a session: Query PK=SESSION#<id>, SK begins_with REFL# (REFLV# items do not match)
    async listReflections(sessionId: string): Promise<Reflection[]> {
      return (await querySession(sessionId, 'REFL#')).map((i) => strip<Reflection>(i));
    },

    // submitted versions of a reflection: Query PK=SESSION#<id>, SK begins_with REFLV#<uid>#
    async listVersions(sessionId: string, userId: string): Promise<ReflectionVersion[]> {
      return (await querySession(sessionId, `REFLV#${userId}#`)).map((i) => {
        const { sessionId: _s, userId: _u, ...version } = strip<ReflectionVersion & { sessionId: string; userId: string }>(i);
        return version;
      });
    },

    /** A draft save: the reflection item alone. */
    async saveDraft(reflection: Reflection, previousUpdatedAt: string | undefined) {
      try {
        await db.send(new PutCommand(reflectionPut(reflection, previousUpdatedAt)));
      } catch (error) {
        if (isConditionFailed(error)) throw new ReflectionChanged('reflection changed', { cause: error });
        throw error;
      }
    },

    /** A submission: the reflection and its new version (REFLV#<uid>#<n>) together; the first one also counts in RECORDSTAT. */
    async submit(reflection: Reflection, previousUpdatedAt: string | undefined) {
      const version: ReflectionVersion & { sessionId: string; userId: string } = {
        sessionId: reflection.sessionId,
        userId: reflection.userId,
        version: reflection.version,
        text: reflection.text,
        submittedAt: reflection.updatedAt,
        late: reflection.late,
      };
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: reflectionPut(reflection, previousUpdatedAt) },
              {
                Put: {
                  TableName: table,
                  Item: { ...recordKeys.version(reflection.sessionId, reflection.userId, reflection.version), type: 'reflectionVersion', ...version },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              ...(reflection.version === 1 ? [count(reflection.sessionId, 'submitted', 1)] : []),
            ],
          }),
        );
      } catch (error) {
        if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw new ReflectionChanged('reflection changed', { cause: error });
        throw error;
      }
    },
  };
}
export type RecordRepository = ReturnType<typeof makeRecordRepository>;
