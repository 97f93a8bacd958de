import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { District, Federation, School } from '@lianyan/shared';
import { cancellationCodes, isConditionFailed, updateExpression, type TableContext } from '#lib/dynamo';
import { federationItem, federationKeys, formerMembershipItem, schoolItem, schoolNameKey } from './federations.ts';

const districtKey = { PK: 'DISTRICT', SK: 'META' };

export type CreateSchoolOutcome = 'created' | 'name_taken' | 'federation_missing' | 'core_changed';
export type UpdateSchoolOutcome = 'updated' | 'name_taken' | 'missing' | 'core_changed';
export type MoveSchoolOutcome = 'moved' | 'changed' | 'core_changed';

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
            ConditionExpression: 'attribute_exists(PK)',
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
        if (codes[0] === 'ConditionalCheckFailed') return 'missing';
        if (renamed && codes[1] === 'ConditionalCheckFailed') return 'name_taken';
        // A moved core school, or another change of the same school at once: told to retry.
        return 'core_changed';
      }
    },

    /**
     * The school moves to `toFederationId` from `fromSchoolYear`, all at once: the school (conditional on the federation
     * read before) under its new federation, and its time in the old one kept as a former membership, listed under the
     * old federation for the years it was there. It becomes the new federation's core school when that has none.
     */
    async moveSchool(school: School, toFederationId: string, fromSchoolYear: string, newCoreless: boolean): Promise<MoveSchoolOutcome> {
      const moved: School = { ...school, federationId: toFederationId, isCore: newCoreless, memberSince: fromSchoolYear };
      const items = [
        { Put: { TableName: table, Item: schoolItem(moved), ConditionExpression: 'federationId = :from AND isCore = :f', ExpressionAttributeValues: { ':from': school.federationId, ':f': false } } },
        { Put: { TableName: table, Item: formerMembershipItem({ school: { ...school, isCore: false }, since: school.memberSince, until: fromSchoolYear }) } },
        ...(newCoreless
          ? coreMoves(toFederationId, school.id, undefined)
          : [{ ConditionCheck: { TableName: table, Key: federationKeys.federation(toFederationId), ConditionExpression: 'attribute_exists(PK) AND attribute_exists(coreSchoolId)' } }]),
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
  };
}
export type OrganizationRepository = ReturnType<typeof makeOrganizationRepository>;
