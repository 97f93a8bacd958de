import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { District, Federation, PendingSchoolMove, School } from '@lianyan/shared';
import { cancellationCodes, isConditionFailed, queryAll, updateExpression, type TableContext } from '#lib/dynamo';
import { federationItem, federationKeys, formerMembershipItem, pendingMovesKey, schoolItem, schoolNameKey } from './federations.ts';

const districtKey = { PK: 'DISTRICT', SK: 'META' };

export type CreateSchoolOutcome = 'created' | 'name_taken' | 'federation_missing' | 'core_changed';
export type UpdateSchoolOutcome = 'updated' | 'name_taken' | 'missing' | 'core_changed';
export type MoveSchoolOutcome = 'moved' | 'changed' | 'core_changed';
export type RequestMoveOutcome = 'pending' | 'changed';

/** A school as it is stored after a move: without the move it was waiting for. */
const settled = ({ pendingMove: _p, ...school }: School): School => school;

/** What a school's change sets and removes (`null` removes an optional field). */
export type SchoolChange = Partial<Pick<School, 'name' | 'stage' | 'rural'>> & {
  address?: string | null;
  location?: School['location'] | null;
};

/** The district, federations and schools as their admins create and change them. */
export function makeOrganizationRepository({ db, table }: TableContext) {
  /** The writes that make `schoolId` the federation's core school, conditional on the core school read before. */
  function coreMoves(federationId: string, schoolId: string, previousCoreId: string | undefined) {
    return [
      {
        Update: {
          TableName: table,
          Key: federationKeys.federation(federationId),
          UpdateExpression: 'SET coreSchoolId = :sid',
          ConditionExpression: previousCoreId ? 'coreSchoolId = :prev' : 'attribute_exists(PK) AND attribute_not_exists(coreSchoolId)',
          ExpressionAttributeValues: { ':sid': schoolId, ...(previousCoreId ? { ':prev': previousCoreId } : {}) },
        },
      },
      ...(previousCoreId && previousCoreId !== schoolId
        ? [{ Update: { TableName: table, Key: federationKeys.school(previousCoreId), UpdateExpression: 'SET isCore = :f', ExpressionAttributeValues: { ':f': false } } }]
        : []),
    ];
  }

  return {
    // the district: GetItem PK=DISTRICT
    async getDistrict(): Promise<District | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: districtKey }));
      return out.Item ? { name: String(out.Item.name), createdAt: String(out.Item.createdAt) } : undefined;
    },

    // the district, once: conditional put so a table never holds two
    async createDistrict(district: District): Promise<boolean> {
      try {
        await db.send(new PutCommand({ TableName: table, Item: { ...districtKey, type: 'district', ...district }, ConditionExpression: 'attribute_not_exists(PK)' }));
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    // a new federation: conditional put on its id
    async createFederation(federation: Federation): Promise<void> {
      await db.send(new PutCommand({ TableName: table, Item: federationItem(federation), ConditionExpression: 'attribute_not_exists(PK)' }));
    },

    // a federation's name or kind: UpdateItem on an existing federation
    async updateFederation(federationId: string, change: Partial<Pick<Federation, 'name' | 'kind'>>): Promise<Federation | undefined> {
      const { expression, names, values } = updateExpression(change);
      if (!expression) return undefined;
      try {
        const out = await db.send(
          new UpdateCommand({
            TableName: table,
            Key: federationKeys.federation(federationId),
            UpdateExpression: expression,
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }),
        );
        const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _gs, type: _t, ...rest } = out.Attributes ?? {};
        return rest as Federation;
      } catch (error) {
        if (isConditionFailed(error)) return undefined;
        throw error;
      }
    },

    /** A new school with its unique name (in the district) and, when core, the core moved to it — all or nothing. */
    async createSchool(school: School, previousCoreId: string | undefined): Promise<CreateSchoolOutcome> {
      const items = [
        { Put: { TableName: table, Item: schoolItem(school), ConditionExpression: 'attribute_not_exists(PK)' } },
        { Put: { TableName: table, Item: { ...schoolNameKey(school.name), type: 'schoolName', schoolId: school.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
        ...(school.isCore
          ? coreMoves(school.federationId, school.id, previousCoreId)
          : [{ ConditionCheck: { TableName: table, Key: federationKeys.federation(school.federationId), ConditionExpression: 'attribute_exists(PK)' } }]),
      ];
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return 'created';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (codes[1] === 'ConditionalCheckFailed') return 'name_taken';
        if (codes[2] === 'ConditionalCheckFailed') return school.isCore && previousCoreId ? 'core_changed' : 'federation_missing';
        // Another change of the same federation or name at once: told to retry, like a moved core school.
        return 'core_changed';
      }
    },

    /** A school's fields; a new name claims its unique name item and frees the old one; `makeCore` moves the core. */
    async updateSchool(
      school: School,
      change: SchoolChange,
      makeCore: { previousCoreId: string | undefined } | undefined,
    ): Promise<UpdateSchoolOutcome> {
      const { expression, names, values } = updateExpression({ ...change, ...(makeCore ? { isCore: true } : {}) });
      const renamed = change.name !== undefined && change.name !== school.name;
      const items = [
        {
          Update: {
            TableName: table,
            Key: federationKeys.school(school.id),
            UpdateExpression: expression || 'SET #id = #id',
            // A school waiting to move to another federation cannot become this one's core school meanwhile.
            ConditionExpression: makeCore ? 'attribute_exists(PK) AND attribute_not_exists(pendingMove)' : 'attribute_exists(PK)',
            ExpressionAttributeNames: { ...names, ...(expression ? {} : { '#id': 'id' }) },
            ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
          },
        },
        ...(renamed
          ? [
              { Put: { TableName: table, Item: { ...schoolNameKey(change.name as string), type: 'schoolName', schoolId: school.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
              { Delete: { TableName: table, Key: schoolNameKey(school.name) } },
            ]
          : []),
        ...(makeCore ? coreMoves(school.federationId, school.id, makeCore.previousCoreId) : []),
      ];
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return 'updated';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (codes[0] === 'ConditionalCheckFailed') return makeCore ? 'core_changed' : 'missing';
        if (renamed && codes[1] === 'ConditionalCheckFailed') return 'name_taken';
        // A moved core school, or another change of the same school at once: told to retry.
        return 'core_changed';
      }
    },

    /**
     * The school moves to `toFederationId` from `fromSchoolYear`, all at once: the school (conditional on the federation
     * read before) under its new federation, and its time in the old one kept as a former membership, listed under the
     * old federation for the years it was there. It becomes the new federation's core school when that has none.
     * `applying` a pending move (the rollover): conditional on that very move still pending, whose index entry goes —
     * a second run, or one at the same time, finds it gone ('changed'). Otherwise conditional on no move pending.
     */
    async moveSchool(school: School, toFederationId: string, fromSchoolYear: string, newCoreless: boolean, applying = false): Promise<MoveSchoolOutcome> {
      const moved: School = { ...settled(school), federationId: toFederationId, isCore: newCoreless, memberSince: fromSchoolYear };
      const condition = applying
        ? 'federationId = :from AND isCore = :f AND pendingMove.federationId = :to AND pendingMove.fromSchoolYear = :year'
        : 'federationId = :from AND isCore = :f AND attribute_not_exists(pendingMove)';
      const items = [
        {
          Put: {
            TableName: table,
            Item: schoolItem(moved),
            ConditionExpression: condition,
            ExpressionAttributeValues: { ':from': school.federationId, ':f': false, ...(applying ? { ':to': toFederationId, ':year': fromSchoolYear } : {}) },
          },
        },
        { Put: { TableName: table, Item: formerMembershipItem({ school: { ...settled(school), isCore: false }, since: school.memberSince, until: fromSchoolYear }) } },
        ...(newCoreless
          ? coreMoves(toFederationId, school.id, undefined)
          : [{ ConditionCheck: { TableName: table, Key: federationKeys.federation(toFederationId), ConditionExpression: 'attribute_exists(PK) AND attribute_exists(coreSchoolId)' } }]),
        ...(applying ? [{ Delete: { TableName: table, Key: federationKeys.pendingMove(school.id) } }] : []),
      ];
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return 'moved';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (codes[0] === 'ConditionalCheckFailed') return 'changed';
        if (codes[2] === 'ConditionalCheckFailed') return 'core_changed';
        return 'changed';
      }
    },

    /**
     * A move from a later school year, kept on the school until the rollover applies it: `pendingMove` on the school
     * (conditional on its federation, not core, and no other move pending — of two at once one wins) and its index
     * entry under PENDINGMOVES#<year>, in one transaction.
     */
    async requestMove(school: School, move: PendingSchoolMove): Promise<RequestMoveOutcome> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: federationKeys.school(school.id),
                  UpdateExpression: 'SET pendingMove = :move',
                  ConditionExpression: 'federationId = :from AND isCore = :f AND attribute_not_exists(pendingMove)',
                  ExpressionAttributeValues: { ':move': move, ':from': school.federationId, ':f': false },
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: {
                    ...federationKeys.pendingMove(school.id),
                    GSI1PK: pendingMovesKey(move.fromSchoolYear),
                    GSI1SK: `SCHOOL#${school.id}`,
                    type: 'pendingMove',
                    schoolId: school.id,
                    ...move,
                  },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ],
          }),
        );
        return 'pending';
      } catch (error) {
        if (cancellationCodes(error)) return 'changed';
        throw error;
      }
    },

    /** Drops the school's pending move and its index entry; 'none' when no move was pending. */
    async cancelMove(schoolId: string): Promise<'cancelled' | 'none'> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: federationKeys.school(schoolId),
                  UpdateExpression: 'REMOVE pendingMove',
                  ConditionExpression: 'attribute_exists(pendingMove)',
                },
              },
              { Delete: { TableName: table, Key: federationKeys.pendingMove(schoolId) } },
            ],
          }),
        );
        return 'cancelled';
      } catch (error) {
        if (cancellationCodes(error)) return 'none';
        throw error;
      }
    },

    // the schools whose pending move takes effect from a school year: Query GSI1 PENDINGMOVES#<year>
    async schoolIdsMovingFrom(schoolYear: string): Promise<string[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': pendingMovesKey(schoolYear) },
      });
      return items.map((i) => String(i.schoolId));
    },
  };
}
export type OrganizationRepository = ReturnType<typeof makeOrganizationRepository>;
