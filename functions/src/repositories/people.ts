import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { scopeKey, type Position, type RoleGrant, type Title } from '@lianyan/shared';
import { cancellationCodes, isConditionFailed, queryAll, updateExpression, type TableContext } from '#lib/dynamo';
import { identityItem, roleItem, roleUpsert, userKeys, type IdentityProvider } from './users.ts';

/** One phone, one person: the claim by phone and every import match on it. */
export const phoneKey = (phone: string) => ({ PK: `PHONE#${phone}`, SK: 'PHONE' });

/** What the roster keeps of a person beside the login profile's id, name and creation time. */
export interface RosterProfile {
  id: string;
  name: string;
  createdAt: string;
  phone?: string | undefined;
  position?: Position | undefined;
  subjects?: string[] | undefined;
  grades?: string[] | undefined;
  titles?: Title[] | undefined;
  status?: 'invited' | 'active' | 'left' | undefined;
}

export type RosterChange = Partial<Pick<RosterProfile, 'name' | 'phone' | 'position' | 'subjects' | 'grades' | 'titles' | 'status'>>;

/** The profile's fields; `subject` (the first subject) keeps the single-subject readers (research-group audiences) working. */
function profileFields(change: RosterChange): Record<string, unknown> {
  return {
    ...change,
    ...(change.subjects ? { subject: change.subjects[0] ?? null } : {}),
  };
}

export function makePeopleRepository({ db, table }: TableContext) {
  return {
    // person by phone: GetItem PK=PHONE#<phone>
    async findUserIdByPhone(phone: string): Promise<string | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: phoneKey(phone) }));
      return out.Item ? String(out.Item.userId) : undefined;
    },

    // roster fields of a person: GetItem PK=USER#<uid>, SK=PROFILE
    async getRosterProfile(userId: string): Promise<RosterProfile | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: userKeys.profile(userId) }));
      return out.Item ? (out.Item as unknown as RosterProfile) : undefined;
    },

    /** A person who has not logged in yet: profile, phone and roles at once; `phone_taken` if the phone has a person. */
    async createInvited(profile: RosterProfile & { phone: string }, grants: RoleGrant[], via: string): Promise<'created' | 'phone_taken' | 'conflict'> {
      const subject = profile.subjects?.[0];
      const items = [
        { Put: { TableName: table, Item: { ...userKeys.profile(profile.id), type: 'user', ...profile, ...(subject ? { subject } : {}) }, ConditionExpression: 'attribute_not_exists(PK)' } },
        { Put: { TableName: table, Item: { ...phoneKey(profile.phone), type: 'phone', userId: profile.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
        ...grants.map((g) => ({ Put: { TableName: table, Item: roleItem(profile.id, g, profile.createdAt, via) } })),
      ];
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return 'created';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        // Another request on the same phone at once: either it took the phone, or it still holds it.
        return codes[1] === 'ConditionalCheckFailed' ? 'phone_taken' : 'conflict';
      }
    },

    /** Roster fields changed; a new phone claims its item (`phone_taken` if another person has it) and frees the old. */
    async update(userId: string, change: RosterChange, oldPhone: string | undefined): Promise<'updated' | 'phone_taken' | 'missing' | 'conflict'> {
      const { expression, names, values } = updateExpression(profileFields(change));
      if (!expression) return 'updated';
      const phoneMoves =
        change.phone && change.phone !== oldPhone
          ? [
              { Put: { TableName: table, Item: { ...phoneKey(change.phone), type: 'phone', userId }, ConditionExpression: 'attribute_not_exists(PK)' } },
              ...(oldPhone ? [{ Delete: { TableName: table, Key: phoneKey(oldPhone), ConditionExpression: 'userId = :uid', ExpressionAttributeValues: { ':uid': userId } } }] : []),
            ]
          : [];
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: userKeys.profile(userId),
                  UpdateExpression: expression,
                  ConditionExpression: 'attribute_exists(PK)',
                  ExpressionAttributeNames: names,
                  ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
                },
              },
              ...phoneMoves,
            ],
          }),
        );
        return 'updated';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (codes[0] === 'ConditionalCheckFailed') return 'missing';
        if (codes[1] === 'ConditionalCheckFailed') return 'phone_taken';
        // A change of the same person at once (its phone moved meanwhile): one wins, this one is told to retry.
        return 'conflict';
      }
    },

    /**
     * An invited person claimed by a login: `invited` becomes `active` and the login's identities point at the person,
     * all at once. `from`: the account those identities pointed at before (an empty account made before the import).
     */
    async claim(personId: string, identities: Array<{ provider: IdentityProvider; externalId: string }>, now: string, from?: string): Promise<'claimed' | 'taken' | 'conflict'> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: userKeys.profile(personId),
                  UpdateExpression: 'SET #s = :active, claimedAt = :now',
                  ConditionExpression: '#s = :invited',
                  ExpressionAttributeNames: { '#s': 'status' },
                  ExpressionAttributeValues: { ':active': 'active', ':invited': 'invited', ':now': now },
                },
              },
              ...identities.map((i) => ({
                Put: {
                  TableName: table,
                  Item: identityItem(i.provider, i.externalId, personId, now),
                  ConditionExpression: from ? 'attribute_not_exists(PK) OR userId = :from' : 'attribute_not_exists(PK)',
                  ...(from ? { ExpressionAttributeValues: { ':from': from } } : {}),
                },
              })),
            ],
          }),
        );
        return 'claimed';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        return codes[0] === 'ConditionalCheckFailed' ? 'taken' : 'conflict';
      }
    },

    /** Roles granted (idempotent: a role held already keeps its first grant). */
    async grant(userId: string, grants: RoleGrant[], now: string, via: string): Promise<void> {
      await db.send(new TransactWriteCommand({ TransactItems: grants.map((g) => roleUpsert(table, userId, g, now, via)) }));
    },

    /**
     * Roles on a school removed, and `left` when no school remains; archive and attendance stay. A LEFT item keeps the
     * person on that school's roster as 已离校 (GSI1 SCOPE#school:<sid> / LEFT#<uid>).
     */
    async leave(userId: string, schoolId: string, grants: RoleGrant[], noSchoolLeft: boolean, now: string): Promise<void> {
      const scope = scopeKey({ schoolId });
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            ...grants.map((g) => ({ Delete: { TableName: table, Key: userKeys.role(userId, g) } })),
            {
              Put: {
                TableName: table,
                Item: { PK: `USER#${userId}`, SK: `LEFT#${scope}`, GSI1PK: `SCOPE#${scope}`, GSI1SK: `LEFT#${userId}`, type: 'leftSchool', userId, schoolId, leftAt: now },
              },
            },
            ...(noSchoolLeft
              ? [
                  {
                    Update: {
                      TableName: table,
                      Key: userKeys.profile(userId),
                      // The status before leaving comes back if a school adds the person again (`rejoin`).
                      UpdateExpression: 'SET statusBefore = if_not_exists(#s, :active), #s = :left',
                      ExpressionAttributeNames: { '#s': 'status' },
                      ExpressionAttributeValues: { ':left': 'left', ':active': 'active' },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
    },

    /** A person who had left every school teaches again: back to the status they had (`invited` or `active`). */
    async rejoin(userId: string): Promise<'invited' | 'active'> {
      try {
        const out = await db.send(
          new UpdateCommand({
            TableName: table,
            Key: userKeys.profile(userId),
            UpdateExpression: 'SET #s = if_not_exists(statusBefore, :active) REMOVE statusBefore',
            ConditionExpression: '#s = :left',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':left': 'left', ':active': 'active' },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return out.Attributes?.status === 'invited' ? 'invited' : 'active';
      } catch (error) {
        if (isConditionFailed(error)) return 'active';
        throw error;
      }
    },

    // who left a school (and may have come back: the caller checks the roles): Query GSI1 SCOPE#school:<sid> / LEFT#
    async listLeftIdsOfSchool(schoolId: string): Promise<string[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `SCOPE#${scopeKey({ schoolId })}`, ':prefix': 'LEFT#' },
      });
      return items.map((i) => String(i.userId));
    },
  };
}
export type PeopleRepository = ReturnType<typeof makePeopleRepository>;
