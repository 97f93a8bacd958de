import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Federation, FederationRules, School } from '@lianyan/shared';
import { queryAll, type TableContext } from '#lib/dynamo';

export const federationKeys = {
  federation: (fid: string) => ({ PK: `FED#${fid}`, SK: 'META' }),
  rules: (fid: string) => ({ PK: `FED#${fid}`, SK: 'RULES' }),
  school: (sid: string) => ({ PK: `SCHOOL#${sid}`, SK: 'META' }),
};
const keys = federationKeys;

/** A school's name is unique in the district (imports and people name schools by it). */
export const schoolNameKey = (name: string) => ({ PK: `SCHOOLNAME#${name}`, SK: 'META' });

export const federationItem = (federation: Federation) => ({
  ...keys.federation(federation.id),
  GSI1PK: 'FEDS',
  GSI1SK: `FED#${federation.id}`,
  type: 'federation',
  ...federation,
});

export const schoolItem = (school: School) => ({
  ...keys.school(school.id),
  GSI1PK: `FED#${school.federationId}`,
  GSI1SK: `SCHOOL#${school.id}`,
  type: 'school',
  ...school,
});

const strip = <T>(item: Record<string, unknown>): T => {
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g1s, type: _type, ...rest } = item;
  return rest as T;
};

export function makeFederationRepository({ db, table }: TableContext) {
  return {
    async putFederation(federation: Federation) {
      await db.send(new PutCommand({ TableName: table, Item: federationItem(federation) }));
    },
    async putRules(federationId: string, rules: FederationRules) {
      await db.send(new PutCommand({ TableName: table, Item: { ...keys.rules(federationId), type: 'rules', ...rules } }));
    },
    // seeding: a school and its unique name, unconditionally
    async putSchool(school: School) {
      await db.send(new PutCommand({ TableName: table, Item: schoolItem(school) }));
      await db.send(new PutCommand({ TableName: table, Item: { ...schoolNameKey(school.name), type: 'schoolName', schoolId: school.id } }));
    },

    // federation by id: GetItem PK=FED#<fid>, SK=META
    async getFederation(federationId: string): Promise<Federation | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.federation(federationId) }));
      return out.Item ? strip<Federation>(out.Item) : undefined;
    },

    // federation rules: GetItem PK=FED#<fid>, SK=RULES
    async getRules(federationId: string): Promise<FederationRules | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.rules(federationId) }));
      return out.Item ? strip<FederationRules>(out.Item) : undefined;
    },

    // school by id: GetItem PK=SCHOOL#<sid>, SK=META
    async getSchool(schoolId: string): Promise<School | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.school(schoolId) }));
      return out.Item ? strip<School>(out.Item) : undefined;
    },

    // all federations (district view): Query GSI1 FEDS
    async listFederations(): Promise<Federation[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': 'FEDS' },
      });
      return items.map((i) => strip<Federation>(i));
    },

    // schools of a federation: Query GSI1 FED#<fid> / begins_with SCHOOL#
    async listSchoolsOfFederation(federationId: string): Promise<School[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `FED#${federationId}`, ':prefix': 'SCHOOL#' },
      });
      return items.map((i) => strip<School>(i));
    },
  };
}
export type FederationRepository = ReturnType<typeof makeFederationRepository>;
