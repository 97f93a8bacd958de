import { BatchWriteCommand, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Group } from '@lianyan/shared';
import { backoff, cancellationCodes, isConditionFailed, queryAll, updateExpression, type TableContext } from '#lib/dynamo';

// 中心教研组. Keys (docs/design/storage.md):
//   PK=GROUP#<gid>, SK=META                      the group; GSI1 FED#<fid> / GROUP#<grade>#<subject>#<gid> lists a federation's groups
//   PK=GROUP#<gid>, SK=ADD#<uid> | DROP#<uid>    members added / removed by hand (one Query of the group's partition reads all)
//   PK=FED#<fid>,   SK=GROUPKEY#<subject>#<grade> one group per subject and grade in a federation (conditional put)

export const groupKeys = {
  meta: (groupId: string) => ({ PK: `GROUP#${groupId}`, SK: 'META' }),
  override: (groupId: string, kind: 'ADD' | 'DROP', userId: string) => ({ PK: `GROUP#${groupId}`, SK: `${kind}#${userId}` }),
  unique: (federationId: string, subject: string, grade: string) => ({ PK: `FED#${federationId}`, SK: `GROUPKEY#${subject}#${grade}` }),
};

/** A group with the members added and removed by hand. */
export interface StoredGroup {
  group: Group;
  added: string[];
  dropped: string[];
}

function groupItem(group: Group) {
  return {
    ...groupKeys.meta(group.id),
    GSI1PK: `FED#${group.federationId}`,
    GSI1SK: `GROUP#${group.grade}#${group.subject}#${group.id}`,
    type: 'group',
    ...group,
  };
}

function toGroup(item: Record<string, unknown>): Group {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _gs, type: _t, ...group } = item;
  return group as unknown as Group;
}

export function makeGroupRepository({ db, table }: TableContext) {
  return {
    /** The group and its uniqueness key at once; `exists` (with the group that has them) when the subject and grade are taken. */
    async create(group: Group): Promise<{ outcome: 'created' } | { outcome: 'exists'; groupId?: string }> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: table, Item: { ...groupKeys.unique(group.federationId, group.subject, group.grade), type: 'groupKey', groupId: group.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
              { Put: { TableName: table, Item: groupItem(group), ConditionExpression: 'attribute_not_exists(PK)' } },
            ],
          }),
        );
        return { outcome: 'created' };
      } catch (error) {
        if (!cancellationCodes(error)) throw error;
        const out = await db.send(new GetCommand({ TableName: table, Key: groupKeys.unique(group.federationId, group.subject, group.grade), ConsistentRead: true }));
        return { outcome: 'exists', ...(out.Item ? { groupId: String(out.Item.groupId) } : {}) };
      }
    },

    // a group with its hand-made additions and removals: Query PK=GROUP#<gid>
    async get(groupId: string): Promise<StoredGroup | undefined> {
      const items = await queryAll(db, { TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `GROUP#${groupId}` } });
      const meta = items.find((i) => i.SK === 'META');
      if (!meta) return undefined;
      const of = (prefix: string) => items.flatMap((i) => (String(i.SK).startsWith(prefix) ? [String(i.SK).slice(prefix.length)] : []));
      return { group: toGroup(meta), added: of('ADD#'), dropped: of('DROP#') };
    },

    // the group alone: GetItem PK=GROUP#<gid>, SK=META
    async getMeta(groupId: string): Promise<Group | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: groupKeys.meta(groupId) }));
      return out.Item ? toGroup(out.Item) : undefined;
    },

    // a federation's groups: Query GSI1 FED#<fid> / begins_with GROUP#
    async listOfFederation(federationId: string): Promise<Group[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `FED#${federationId}`, ':prefix': 'GROUP#' },
      });
      return items.map(toGroup);
    },

    /** Name or leader changed (`leaderId: null` removes the leader); `missing` when the group is gone. */
    async updateMeta(groupId: string, change: { name?: string; leaderId?: string | null; updatedAt: string }): Promise<'updated' | 'missing'> {
      const { expression, names, values } = updateExpression(change);
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: groupKeys.meta(groupId),
            UpdateExpression: expression,
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        return 'updated';
      } catch (error) {
        if (isConditionFailed(error)) return 'missing';
        throw error;
      }
    },

    /**
     * Members added and removed by hand: an added member's DROP goes and ADD is written, a removed one's the other way
     * round. Each person is an item of their own, so two changes at once lose nothing (the later one wins per person).
     */
    async setOverrides(groupId: string, add: string[], remove: string[], now: string): Promise<void> {
      const requests = [
        ...add.flatMap((userId) => [
          { PutRequest: { Item: { ...groupKeys.override(groupId, 'ADD', userId), type: 'groupMember', userId, at: now } } },
          { DeleteRequest: { Key: groupKeys.override(groupId, 'DROP', userId) } },
        ]),
        ...remove.flatMap((userId) => [
          { PutRequest: { Item: { ...groupKeys.override(groupId, 'DROP', userId), type: 'groupMember', userId, at: now } } },
          { DeleteRequest: { Key: groupKeys.override(groupId, 'ADD', userId) } },
        ]),
      ];
      for (let i = 0; i < requests.length; i += 25) {
        let pending: unknown[] = requests.slice(i, i + 25);
        for (let attempt = 0; pending.length; attempt++) {
          const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
          pending = out.UnprocessedItems?.[table] ?? [];
          if (pending.length && attempt > 8) throw new Error('group members: unprocessed writes');
          if (pending.length) await backoff(attempt);
        }
      }
    },
  };
}
export type GroupRepository = ReturnType<typeof makeGroupRepository>;
