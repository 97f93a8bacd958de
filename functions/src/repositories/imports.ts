import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { scopeKey, type ImportError, type RoleGrant, type ImportKind, type ImportResult, type ImportSummary } from '@lianyan/shared';
import { batchGetAll, cancellationCodes, isConditionFailed, queryAll, type TableContext } from '#lib/dynamo';
import type { InvalidRow, TeacherRow } from '#services/import-rows';
import { phoneKey, type RosterProfile } from './people.ts';
import { roleItem, userKeys } from './users.ts';

/** A checked row with what applying it does; `personId` is the new person's id for `create`. */
export interface PlannedRow extends TeacherRow {
  action: 'create' | 'update' | 'unchanged';
  personId: string;
}

export interface StoredImport {
  id: string;
  kind: ImportKind;
  userId: string;
  schoolId?: string;
  federationId?: string;
  fileName: string;
  status: 'previewed' | 'applying' | 'applied';
  summary: ImportSummary;
  createdAt: string;
  /** Epoch seconds: DynamoDB's TTL removes the preview a day after it was made. */
  expiresAt: number;
  leaseUntil?: string;
  result?: ImportResult;
  rows: PlannedRow[];
  invalid: InvalidRow[];
  errors: ImportError[];
}

type Meta = Omit<StoredImport, 'rows' | 'invalid' | 'errors'>;
interface Payload {
  rows: PlannedRow[];
  invalid: InvalidRow[];
  errors: ImportError[];
}

const importKey = (id: string) => ({ PK: `IMPORT#${id}`, SK: 'META' });
const chunkKey = (id: string, n: number) => ({ PK: `IMPORT#${id}`, SK: `CHUNK#${String(n).padStart(3, '0')}` });
/** A chunk item holds at most this much gzipped JSON (an item may hold 400 KB). */
const CHUNK_BYTES = 350 * 1024;

export function makeImportRepository({ db, table }: TableContext) {
  return {
    /**
     * A preview: its rows, gzipped, in chunk items written first, then the META item that makes it visible.
     * PutItem PK=IMPORT#<id> SK=CHUNK#nnn …, then PK=IMPORT#<id> SK=META; all with the TTL.
     */
    async putImport(stored: StoredImport): Promise<void> {
      const { rows, invalid, errors, ...meta } = stored;
      const packed = gzipSync(JSON.stringify({ rows, invalid, errors } satisfies Payload));
      const chunks = Math.max(1, Math.ceil(packed.length / CHUNK_BYTES));
      for (let n = 0; n < chunks; n++) {
        const data = packed.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES);
        await db.send(new PutCommand({ TableName: table, Item: { ...chunkKey(stored.id, n), type: 'importChunk', data, expiresAt: stored.expiresAt } }));
      }
      await db.send(new PutCommand({ TableName: table, Item: { ...importKey(stored.id), type: 'import', ...meta, chunks }, ConditionExpression: 'attribute_not_exists(PK)' }));
    },

    // an import with its rows: Query PK=IMPORT#<id> (META and CHUNK#nnn), consistent
    async getImport(id: string): Promise<StoredImport | undefined> {
      const items = await queryAll(db, { TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `IMPORT#${id}` }, ConsistentRead: true });
      const meta = items.find((i) => i.SK === 'META') as (Meta & { chunks: number; PK: string; SK: string; type: string }) | undefined;
      if (!meta) return undefined;
      const chunks = items.filter((i) => String(i.SK).startsWith('CHUNK#')).sort((a, b) => String(a.SK).localeCompare(String(b.SK)));
      if (chunks.length !== meta.chunks) return undefined;
      const payload = JSON.parse(gunzipSync(Buffer.concat(chunks.map((c) => Buffer.from(c.data as Uint8Array)))).toString('utf8')) as Payload;
      const { PK: _pk, SK: _sk, type: _type, chunks: _chunks, ...rest } = meta;
      return { ...rest, ...payload };
    },

    /**
     * Takes the import for applying: `previewed` (or `applying` whose applier's lease ran out: it stopped halfway,
     * and applying is idempotent) becomes `applying` until `leaseUntil`. Otherwise says why not.
     */
    async claimApply(id: string, now: string, leaseUntil: string): Promise<'claimed' | 'applied' | 'busy' | 'missing'> {
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: importKey(id),
            UpdateExpression: 'SET #s = :applying, leaseUntil = :until',
            ConditionExpression: 'attribute_exists(PK) AND (#s = :previewed OR (#s = :applying AND leaseUntil < :now))',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':applying': 'applying', ':previewed': 'previewed', ':until': leaseUntil, ':now': now },
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        const old = (await db.send(new GetCommand({ TableName: table, Key: importKey(id), ConsistentRead: true }))).Item;
        if (!old) return 'missing';
        return old.status === 'applied' ? 'applied' : 'busy';
      }
    },

    /** The result kept on the import: a second apply answers it and writes nothing. */
    async markApplied(id: string, result: ImportResult): Promise<void> {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: importKey(id),
          UpdateExpression: 'SET #s = :applied, #r = :result REMOVE leaseUntil',
          ExpressionAttributeNames: { '#s': 'status', '#r': 'result' },
          ExpressionAttributeValues: { ':applied': 'applied', ':result': result },
        }),
      );
    },

    /** Releases a claim after a failure, so a retry need not wait for the lease. */
    async releaseApply(id: string): Promise<void> {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: importKey(id),
          UpdateExpression: 'SET #s = :previewed REMOVE leaseUntil',
          ConditionExpression: '#s = :applying',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':previewed': 'previewed', ':applying': 'applying' },
        }),
      ).catch((error: unknown) => {
        if (!isConditionFailed(error)) throw error;
      });
    },

    /**
     * New invited people, up to 25 at once: each one's profile, PHONE# item (`attribute_not_exists`) and role, all
     * in one transaction (75 items; the limit is 100). `false` when any phone or id is taken: nothing was written,
     * and the caller writes those rows one by one (`people.createInvited`).
     */
    async createInvitedBatch(people: Array<{ profile: RosterProfile & { phone: string }; grant: RoleGrant }>, via: string): Promise<boolean> {
      if (people.length > 25) throw new Error('at most 25 people a transaction');
      const items = people.flatMap(({ profile, grant }) => {
        const subject = profile.subjects?.[0];
        return [
          { Put: { TableName: table, Item: { ...userKeys.profile(profile.id), type: 'user', ...profile, ...(subject ? { subject } : {}) }, ConditionExpression: 'attribute_not_exists(PK)' } },
          { Put: { TableName: table, Item: { ...phoneKey(profile.phone), type: 'phone', userId: profile.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
          { Put: { TableName: table, Item: roleItem(profile.id, grant, profile.createdAt, via) } },
        ];
      });
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return true;
      } catch (error) {
        if (!cancellationCodes(error)) throw error;
        return false;
      }
    },

    // people by phone: BatchGetItem PK=PHONE#<phone> (100 a request), consistent
    async usersByPhone(phones: string[]): Promise<Map<string, string>> {
      const items = await batchGetAll(db, table, [...new Set(phones)].map(phoneKey), { consistent: true });
      return new Map(items.map((i) => [String(i.PK).slice('PHONE#'.length), String(i.userId)]));
    },

    // roster profiles: BatchGetItem PK=USER#<uid> SK=PROFILE, consistent
    async profiles(userIds: string[]): Promise<Map<string, RosterProfile & { claimedAt?: string }>> {
      const items = await batchGetAll(db, table, [...new Set(userIds)].map(userKeys.profile), { consistent: true });
      return new Map(items.map((i) => [String(i.id), i as unknown as RosterProfile & { claimedAt?: string }]));
    },

    // who already teaches where: BatchGetItem PK=USER#<uid> SK=ROLE#teacher#school:<id>, consistent
    async teacherRoles(pairs: Array<{ userId: string; schoolId: string }>): Promise<Set<string>> {
      const keys = pairs.map((p) => userKeys.role(p.userId, { role: 'teacher', scope: { schoolId: p.schoolId } }));
      const unique = [...new Map(keys.map((k) => [`${k.PK}|${k.SK}`, k])).values()];
      const items = await batchGetAll(db, table, unique, { consistent: true });
      return new Set(items.map((i) => `${String(i.userId)}|${String(i.scope)}`));
    },
  };
}
export type ImportRepository = ReturnType<typeof makeImportRepository>;

/** The key `teacherRoles` answers for a person teaching at a school. */
export const teacherRoleKey = (userId: string, schoolId: string) => `${userId}|${scopeKey({ schoolId })}`;
