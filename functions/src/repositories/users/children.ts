import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Child } from '@lianyan/shared';
import { cancellationCodes, isConditionFailed, queryAll, type TableContext } from '#lib/dynamo';
import { childLinkItem, toChild, userKeys, type ChildLink } from './items.ts';

/** A parent's links to children, and the children of a school by grade and class. */
export function makeChildMethods({ db, table }: TableContext) {
  return {
    /**
     * The id of the child called `name` in the class this school year, when one is bound: GetItem on its
     * childInClass item; for a child bound before those items, its record under the id of old (`legacyId`, school +
     * class + name), when that record is still in this class. `undefined`: a child nobody has bound yet.
     */
    async findChildInClass(child: { schoolId: string; schoolYear: string; className: string; name: string }, legacyId: string): Promise<string | undefined> {
      const key = userKeys.childInClass(child.schoolId, child.schoolYear, child.className, child.name);
      const found = await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
      if (found.Item) return String(found.Item.childId);
      const legacy = await db.send(new GetCommand({ TableName: table, Key: userKeys.childRecord(legacyId), ConsistentRead: true }));
      const record = legacy.Item;
      const inClass = record && record.className === child.className && (!record.schoolYear || record.schoolYear === child.schoolYear);
      return inClass ? legacyId : undefined;
    },

    /**
     * A parent removes a child: their link goes, the child record's parent count drops, and the child record is
     * deleted when no guardian is left. 'missing' when this parent has no such child.
     */
    async removeChild(userId: string, childId: string): Promise<'removed' | 'missing'> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Delete: { TableName: table, Key: userKeys.child(userId, childId), ConditionExpression: 'attribute_exists(PK)' } },
              {
                Update: {
                  TableName: table,
                  Key: userKeys.childRecord(childId),
                  UpdateExpression: 'ADD parentCount :minus',
                  ConditionExpression: 'attribute_exists(PK)',
                  ExpressionAttributeValues: { ':minus': -1 },
                },
              },
            ],
          }),
        );
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[0] === 'ConditionalCheckFailed') return 'missing';
        if (codes?.[1] !== 'ConditionalCheckFailed') throw error;
        // A link without a child record (seeded): the link alone goes.
        const out = await db.send(
          new DeleteCommand({ TableName: table, Key: userKeys.child(userId, childId), ConditionExpression: 'attribute_exists(PK)', ReturnValues: 'ALL_OLD' }),
        ).catch((e: unknown) => (isConditionFailed(e) ? undefined : Promise.reject(e)));
        return out?.Attributes ? 'removed' : 'missing';
      }
      // No guardian left: the child's record goes too (a bind in between raises the count and keeps it).
      await db
        .send(
          new DeleteCommand({
            TableName: table,
            Key: userKeys.childRecord(childId),
            ConditionExpression: 'parentCount <= :zero',
            ExpressionAttributeValues: { ':zero': 0 },
          }),
        )
        .catch((e: unknown) => (isConditionFailed(e) ? undefined : Promise.reject(e)));
      return 'removed';
    },

    // a parent's children: Query PK=USER#<uid>, SK begins_with CHILD#
    async listChildren(userId: string): Promise<Child[]> {
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :child)',
        ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':child': 'CHILD#' },
      });
      return items.map(toChild);
    },

    // families of a school by grade and class: Query GSI1 CHILDREN#<sid> (begins_with <grade># for one grade)
    async listChildLinksOfSchool(schoolId: string, grade?: string): Promise<Array<ChildLink & { parentId: string }>> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: grade ? 'GSI1PK = :pk AND begins_with(GSI1SK, :grade)' : 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `CHILDREN#${schoolId}`, ...(grade ? { ':grade': `${grade}#` } : {}) },
      });
      return items.map((i) => ({ ...(toChild(i) as ChildLink), ...(i.phone ? { phone: String(i.phone) } : {}), parentId: String(i.parentId) }));
    },

    // a parent's children: PK=USER#<uid>, SK=CHILD#<childId> (seed and tests; parents bind through invites.redeemParentInvite)
    async putChild(userId: string, child: ChildLink) {
      await db.send(new PutCommand({ TableName: table, Item: childLinkItem(userId, child) }));
    },

  };
}
