import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { MentorEvaluation, MentorLog, MentorPair, PairRole } from '@lianyan/shared';
import { backoff, cancellationCodes, isConditionFailed, isTransactionConflict, queryAll, queryCount, type TableContext } from '#lib/dynamo';

// 师徒结对 in the single table:
//   pair        PK MPAIR#<id>  SK PAIR               GSI1 MPAIRS#<schoolId> / <schoolYear>#<createdAt>#<id>
//   member      PK MPAIR#<id>  SK MEMBER#<userId>    GSI2 USER#<userId> / MPAIR#<schoolYear>#<id>   (a copy of the pair)
//   log         PK MPAIR#<id>  SK LOG#<logId>
//   evaluation  PK MPAIR#<id>  SK EVAL#<schoolYear>  (once a school year: a conditional put)
export const mentorPairKeys = {
  pair: (id: string) => ({ PK: `MPAIR#${id}`, SK: 'PAIR' }),
  member: (id: string, userId: string) => ({ PK: `MPAIR#${id}`, SK: `MEMBER#${userId}` }),
  log: (id: string, logId: string) => ({ PK: `MPAIR#${id}`, SK: `LOG#${logId}` }),
  evaluation: (id: string, schoolYear: string) => ({ PK: `MPAIR#${id}`, SK: `EVAL#${schoolYear}` }),
};

const PAIR_FIELDS = ['id', 'schoolId', 'federationId', 'mentor', 'mentee', 'subject', 'schoolYear', 'goals', 'createdAt', 'createdBy', 'evaluation'] as const;

function pairOf(item: Record<string, unknown>): MentorPair {
  const pair: Record<string, unknown> = {};
  for (const f of PAIR_FIELDS) if (item[f] !== undefined) pair[f] = item[f];
  return pair as unknown as MentorPair;
}

export interface PairMembership {
  pair: MentorPair;
  role: PairRole;
}

export function makeMentorPairRepository({ db, table }: TableContext) {
  return {
    /** The pair and a member item for each side, at once; `exists` when the same pair (same id) is registered already. */
    async createPair(pair: MentorPair): Promise<'created' | 'exists'> {
      const member = (userId: string, role: PairRole) => ({
        Put: {
          TableName: table,
          Item: { ...mentorPairKeys.member(pair.id, userId), GSI2PK: `USER#${userId}`, GSI2SK: `MPAIR#${pair.schoolYear}#${pair.id}`, type: 'mentorPairMember', role, ...pair },
        },
      });
      for (let attempt = 0; ; attempt++) {
        try {
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: table,
                    Item: { ...mentorPairKeys.pair(pair.id), GSI1PK: `MPAIRS#${pair.schoolId}`, GSI1SK: `${pair.schoolYear}#${pair.createdAt}#${pair.id}`, type: 'mentorPair', ...pair },
                    ConditionExpression: 'attribute_not_exists(PK)',
                  },
                },
                member(pair.mentor.id, 'mentor'),
                member(pair.mentee.id, 'mentee'),
              ],
            }),
          );
          return 'created';
        } catch (error) {
          if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return 'exists';
          // The same pair registered at the same moment: try again, and find it then.
          if (isTransactionConflict(error) && attempt < 4) {
            await backoff(attempt);
            continue;
          }
          throw error;
        }
      }
    },

    // a pair: GetItem PK=MPAIR#<id>, SK=PAIR
    async getPair(id: string): Promise<MentorPair | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: mentorPairKeys.pair(id) }));
      return out.Item ? pairOf(out.Item) : undefined;
    },

    // a pair with its logs and evaluations: Query PK=MPAIR#<id> (one partition)
    async getPairWithLogs(id: string): Promise<{ pair: MentorPair; logs: MentorLog[]; evaluations: MentorEvaluation[] } | undefined> {
      const items = await queryAll(db, { TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `MPAIR#${id}` } });
      const head = items.find((i) => i.SK === 'PAIR');
      if (!head) return undefined;
      const logs = items.filter((i) => String(i.SK).startsWith('LOG#')).map((i) => i.log as MentorLog);
      const evaluations = items.filter((i) => String(i.SK).startsWith('EVAL#')).map((i) => i.evaluation as MentorEvaluation);
      return { pair: pairOf(head), logs, evaluations };
    },

    // a school's pairs of a school year: Query GSI1 MPAIRS#<sid> / begins_with <schoolYear>#
    async listPairsOfSchool(schoolId: string, schoolYear: string): Promise<MentorPair[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :year)',
        ExpressionAttributeValues: { ':pk': `MPAIRS#${schoolId}`, ':year': `${schoolYear}#` },
      });
      return items.map(pairOf);
    },

    // how many pairs a school registered for a school year (reports): Query GSI1 MPAIRS#<sid> / begins_with <schoolYear>#, COUNT
    async countPairsOfSchool(schoolId: string, schoolYear: string): Promise<number> {
      return queryCount(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :year)',
        ExpressionAttributeValues: { ':pk': `MPAIRS#${schoolId}`, ':year': `${schoolYear}#` },
      });
    },

    // a person's pairs (both sides), newest school year first: Query GSI2 USER#<uid> / begins_with MPAIR#
    async listPairsOfUser(userId: string): Promise<PairMembership[]> {
      const out = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': 'MPAIR#' },
        ScanIndexForward: false,
      });
      return out.map((i) => ({ pair: pairOf(i), role: i.role as PairRole }));
    },

    /** A log, once: the same id (same author and content) is `exists`. */
    async putLog(log: MentorLog): Promise<'created' | 'exists'> {
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: { ...mentorPairKeys.log(log.pairId, log.id), type: 'mentorPairLog', log },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return 'created';
      } catch (error) {
        if (isConditionFailed(error)) return 'exists';
        throw error;
      }
    },

    async getLog(pairId: string, logId: string): Promise<MentorLog | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: mentorPairKeys.log(pairId, logId) }));
      return out.Item?.log as MentorLog | undefined;
    },

    /**
     * The evaluation of the school year, once: the EVAL item is put only if absent, and the pair (with its members'
     * copies) shows it. Two at once: one wins, the other is `exists`.
     */
    async putEvaluation(pair: MentorPair, evaluation: MentorEvaluation): Promise<'created' | 'exists'> {
      const set = (Key: Record<string, string>) => ({
        Update: { TableName: table, Key, UpdateExpression: 'SET evaluation = :e', ExpressionAttributeValues: { ':e': evaluation } },
      });
      for (let attempt = 0; ; attempt++) {
        try {
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: table,
                    Item: { ...mentorPairKeys.evaluation(pair.id, evaluation.schoolYear), type: 'mentorPairEvaluation', evaluation },
                    ConditionExpression: 'attribute_not_exists(PK)',
                  },
                },
                set(mentorPairKeys.pair(pair.id)),
                set(mentorPairKeys.member(pair.id, pair.mentor.id)),
                set(mentorPairKeys.member(pair.id, pair.mentee.id)),
              ],
            }),
          );
          return 'created';
        } catch (error) {
          if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return 'exists';
          // Another evaluation's transaction holds these items right now: try again, and see it then.
          if (isTransactionConflict(error) && attempt < 4) {
            await backoff(attempt);
            continue;
          }
          throw error;
        }
      }
    },
  };
}
export type MentorPairRepository = ReturnType<typeof makeMentorPairRepository>;
