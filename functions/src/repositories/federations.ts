import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Federation, FederationRules, School } from '@lianyan/shared';
import { isConditionFailed, queryAll, type TableContext } from '#lib/dynamo';

export const federationKeys = {
  federation: (fid: string) => ({ PK: `FED#${fid}`, SK: 'META' }),
  rules: (fid: string) => ({ PK: `FED#${fid}`, SK: 'RULES' }),
  school: (sid: string) => ({ PK: `SCHOOL#${sid}`, SK: 'META' }),
  /** A school's past membership of a federation, ending (exclusive) at the school year `until`. */
  formerMembership: (sid: string, until: string, fid: string) => ({ PK: `SCHOOL#${sid}`, SK: `MEMBERSHIP#${until}#${fid}` }),
  /** The index entry of a school's pending move (the move itself is `pendingMove` on the school): GSI1 PENDINGMOVES#<year>. */
  pendingMove: (sid: string) => ({ PK: `SCHOOL#${sid}`, SK: 'PENDINGMOVE' }),
};
/** The schools whose pending move takes effect from a school year: the rollover's Query (GSI1). */
export const pendingMovesKey = (schoolYear: string) => `PENDINGMOVES#${schoolYear}`;
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

/** A school as it was in a federation it has left: listed under that federation (GSI1) for the years it was there. */
export interface FormerMembership {
  school: School;
  /** The school year it joined that federation (absent: always there); `until` the one it left from (exclusive). */
  since?: string | undefined;
  until: string;
}

export const formerMembershipItem = ({ school, since, until }: FormerMembership) => ({
  ...keys.formerMembership(school.id, until, school.federationId),
  GSI1PK: `FED#${school.federationId}`,
  GSI1SK: `FORMER#${school.id}#${until}`,
  type: 'formerMembership',
  school,
  ...(since ? { since } : {}),
  until,
});

/** Was a member in the school year `year` (`2026-2027`; the strings compare as the years do). */
const memberIn = (year: string, since: string | undefined, until?: string) => (!since || since <= year) && (!until || year < until);

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
    /**
     * Saves rules read at `version` (undefined: an item without one, or none): 'changed' when another save came between,
     * so the caller merges again instead of overwriting it.
     */
    async saveRules(federationId: string, rules: FederationRules, version: number | undefined): Promise<'ok' | 'changed'> {
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: { ...keys.rules(federationId), type: 'rules', ...rules, version: (version ?? 0) + 1 },
            ConditionExpression: version === undefined ? 'attribute_not_exists(version)' : 'version = :v',
            ...(version === undefined ? {} : { ExpressionAttributeValues: { ':v': version } }),
          }),
        );
        return 'ok';
      } catch (error) {
        if (isConditionFailed(error)) return 'changed';
        throw error;
      }
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
      return (await this.getRulesVersioned(federationId)).rules;
    },
    async getRulesVersioned(federationId: string): Promise<{ rules: FederationRules | undefined; version: number | undefined }> {
      const out = await db.send(new GetCommand({ TableName: table, Key: keys.rules(federationId) }));
      if (!out.Item) return { rules: undefined, version: undefined };
      const { version, ...item } = out.Item;
      return { rules: strip<FederationRules>(item), version: typeof version === 'number' ? version : undefined };
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

    /**
     * The schools that were the federation's in a school year: its schools now (those that joined by then), and those
     * that have left it since (as they were). Two Queries on GSI1 FED#<fid>: SCHOOL# and FORMER#.
     */
    async listSchoolsOfFederationIn(federationId: string, schoolYear: string): Promise<School[]> {
      const query = (prefix: string) =>
        queryAll(db, {
          TableName: table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
          ExpressionAttributeValues: { ':pk': `FED#${federationId}`, ':prefix': prefix },
        });
      const [now, former] = await Promise.all([query('SCHOOL#'), query('FORMER#')]);
      const current = now.map((i) => strip<School>(i)).filter((s) => memberIn(schoolYear, s.memberSince));
      const left = former
        .filter((i) => memberIn(schoolYear, i.since as string | undefined, String(i.until)))
        .map((i) => i.school as School)
        .filter((s) => !current.some((c) => c.id === s.id));
      return [...current, ...left];
    },

    /** The federation a school was in during a school year: its own now, or one it left since (Query PK=SCHOOL#<sid> MEMBERSHIP#). */
    async federationOfSchoolIn(school: School, schoolYear: string): Promise<string | undefined> {
      if (memberIn(schoolYear, school.memberSince)) return school.federationId;
      const items = await queryAll(db, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `SCHOOL#${school.id}`, ':prefix': 'MEMBERSHIP#' },
      });
      const past = items.find((i) => memberIn(schoolYear, i.since as string | undefined, String(i.until)));
      return past ? (past.school as School).federationId : undefined;
    },
  };
}
export type FederationRepository = ReturnType<typeof makeFederationRepository>;
