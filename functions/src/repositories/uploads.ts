import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, type TableContext } from '#lib/dynamo';

/** A file a person was allowed to upload: issued with a link, verified (by content) when an entry takes it. */
export interface UploadRecord {
  id: string;
  userId: string;
  key: string;
  fileName: string;
  contentType: string;
  size: number;
  /** An import file (read once by an import), not evidence. */
  purpose?: 'import';
  status: 'issued' | 'verified';
  createdAt: string;
  /** Epoch seconds: DynamoDB's TTL removes an issued record nobody used. */
  expiresAt?: number;
}

const uploadKey = (id: string) => ({ PK: `UPLOAD#${id}`, SK: 'META' });

export function makeUploadRepository({ db, table }: TableContext) {
  return {
    // upload by id: PutItem PK=UPLOAD#<id>, SK=META
    async putUpload(upload: UploadRecord) {
      await db.send(new PutCommand({ TableName: table, Item: { ...uploadKey(upload.id), type: 'upload', ...upload }, ConditionExpression: 'attribute_not_exists(PK)' }));
    },

    // uploads by ids: BatchGetItem (an entry has at most 9)
    async getUploads(ids: string[]): Promise<Map<string, UploadRecord>> {
      const items = await batchGetAll(db, table, [...new Set(ids)].map(uploadKey), { consistent: true });
      return new Map(items.map((item) => [String(item.id), item as unknown as UploadRecord]));
    },

    /** Marks an upload verified at its final key (and no longer expiring). */
    async markVerified(id: string, key: string, contentType: string, size: number) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: uploadKey(id),
          UpdateExpression: 'SET #status = :verified, #key = :key, contentType = :ct, #size = :size REMOVE expiresAt',
          ExpressionAttributeNames: { '#status': 'status', '#key': 'key', '#size': 'size' },
          ExpressionAttributeValues: { ':verified': 'verified', ':key': key, ':ct': contentType, ':size': size },
        }),
      );
    },
  };
}
export type UploadRepository = ReturnType<typeof makeUploadRepository>;
