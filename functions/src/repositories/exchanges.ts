import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { scopeKey, type Exchange, type ExchangeAssessment } from '@lianyan/shared';
import { cancellationCodes, queryAll, type TableContext } from '#lib/dynamo';
import { EXCHANGE_ROLE_PREFIX } from './users.ts';

// 交流轮岗 (issue 16). Items:
//   EXCHANGE#<id> / META                      the exchange; GSI1 FED#<fid> / EXCHANGE#<startDate>#<id> (the federation's list),
//                                             GSI2 EXCHANGES_TO#<host sid> / <endDate>#<id> (who is at a school now: audiences)
//   USER#<uid> / ROLE#~exchange#<id>          the person's membership of the host school for the period: read by the
//                                             login's roles Query (no GSI: not in the host's roster)
//   USER#<uid> / EXCHANGES                    the person's periods and a version: every create, change and delete is
//                                             conditional on it, so two overlapping exchanges can never both be saved
const exchangeKeys = {
  exchange: (id: string) => ({ PK: `EXCHANGE#${id}`, SK: 'META' }),
  membership: (userId: string, id: string) => ({ PK: `USER#${userId}`, SK: `${EXCHANGE_ROLE_PREFIX}${id}` }),
  periods: (userId: string) => ({ PK: `USER#${userId}`, SK: 'EXCHANGES' }),
};

export type Periods = Record<string, { startDate: string; endDate: string }>;
export interface PersonPeriods {
  periods: Periods;
  version: number;
}

/** What the person's partition keeps of an exchange (the archive reads it back with the roles). */
export interface ExchangeMembership {
  exchangeId: string;
  federationId: string;
  kind: Exchange['kind'];
  fromSchoolId: string;
  toSchoolId: string;
  fromSchoolName?: string | undefined;
  toSchoolName?: string | undefined;
  startDate: string;
  endDate: string;
  rating?: string | undefined;
}

function exchangeItem(e: Exchange) {
  return {
    ...exchangeKeys.exchange(e.id),
    GSI1PK: `FED#${e.federationId}`,
    GSI1SK: `EXCHANGE#${e.startDate}#${e.id}`,
    GSI2PK: `EXCHANGES_TO#${e.toSchoolId}`,
    GSI2SK: `${e.endDate}#${e.id}`,
    type: 'exchange',
    ...e,
  };
}

const strip = (item: Record<string, unknown>): Exchange => {
  const { PK: _pk, SK: _sk, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, type: _t, ...rest } = item;
  return rest as unknown as Exchange;
};

function membershipItem(userId: string, m: ExchangeMembership) {
  return { ...exchangeKeys.membership(userId, m.exchangeId), type: 'exchangeRole', userId, role: 'teacher', scope: scopeKey({ schoolId: m.toSchoolId }), via: 'exchange', ...m };
}

export function makeExchangeRepository({ db, table }: TableContext) {
  /** The person's periods written with a condition on the version read. */
  function periodsWrite(userId: string, before: PersonPeriods, periods: Periods) {
    return {
      Put: {
        TableName: table,
        Item: { ...exchangeKeys.periods(userId), type: 'exchangePeriods', periods, version: before.version + 1 },
        ConditionExpression: before.version === 0 ? 'attribute_not_exists(PK)' : 'version = :v',
        ...(before.version === 0 ? {} : { ExpressionAttributeValues: { ':v': before.version } }),
      },
    };
  }

  async function write(items: unknown[]): Promise<'ok' | 'conflict'> {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items as never }));
      return 'ok';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes && codes.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict')) return 'conflict';
      throw error;
    }
  }

  return {
    // exchange by id: GetItem EXCHANGE#<id> / META
    async get(id: string): Promise<Exchange | undefined> {
      const out = await db.send(new GetCommand({ TableName: table, Key: exchangeKeys.exchange(id) }));
      return out.Item ? strip(out.Item) : undefined;
    },

    // a person's periods: GetItem USER#<uid> / EXCHANGES (consistent: the version guards the next write)
    async periodsOf(userId: string): Promise<PersonPeriods> {
      const out = await db.send(new GetCommand({ TableName: table, Key: exchangeKeys.periods(userId), ConsistentRead: true }));
      return out.Item ? { periods: (out.Item.periods ?? {}) as Periods, version: Number(out.Item.version) } : { periods: {}, version: 0 };
    },

    // a federation's exchanges starting up to `to` and ending from `from`: Query GSI1 FED#<fid> / EXCHANGE#… ≤ EXCHANGE#<to>
    async listOfFederation(federationId: string, range: { from: string; to: string }): Promise<Exchange[]> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':pk': `FED#${federationId}`, ':lo': 'EXCHANGE#', ':hi': `EXCHANGE#${range.to}#\uffff` },
      });
      return items.map(strip).filter((e) => e.endDate >= range.from);
    },

    // who is on exchange at a school between two days (one day: audiences; a semester: reports):
    // Query GSI2 EXCHANGES_TO#<sid> / ≥ <from>, those started by <to>
    async visitorsOf(schoolId: string, range: { from: string; to: string }): Promise<Array<Pick<Exchange, 'id' | 'userId' | 'toSchoolId'>>> {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK >= :from',
        ExpressionAttributeValues: { ':pk': `EXCHANGES_TO#${schoolId}`, ':from': range.from },
      });
      return items.filter((i) => String(i.startDate) <= range.to).map((i) => ({ id: String(i.id), userId: String(i.userId), toSchoolId: String(i.toSchoolId) }));
    },

    // a person's exchanges as their partition keeps them (archive): Query USER#<uid> / begins_with ROLE#~exchange#
    async membershipsOf(userId: string): Promise<ExchangeMembership[]> {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': EXCHANGE_ROLE_PREFIX },
        }),
      );
      return (out.Items ?? []) as unknown as ExchangeMembership[];
    },

    /** Saves a new or changed exchange with the person's periods (conditional on the version read) and membership. */
    async save(e: Exchange, before: PersonPeriods, periods: Periods, membership: ExchangeMembership, previous?: Exchange): Promise<'ok' | 'conflict'> {
      return write([
        {
          Put: {
            TableName: table,
            Item: exchangeItem(e),
            ...(previous
              ? { ConditionExpression: 'updatedAt = :prev', ExpressionAttributeValues: { ':prev': previous.updatedAt } }
              : { ConditionExpression: 'attribute_not_exists(PK)' }),
          },
        },
        periodsWrite(e.userId, before, periods),
        { Put: { TableName: table, Item: membershipItem(e.userId, membership) } },
      ]);
    },

    async remove(e: Exchange, before: PersonPeriods, periods: Periods): Promise<'ok' | 'conflict'> {
      return write([
        { Delete: { TableName: table, Key: exchangeKeys.exchange(e.id), ConditionExpression: 'updatedAt = :prev', ExpressionAttributeValues: { ':prev': e.updatedAt } } },
        periodsWrite(e.userId, before, periods),
        { Delete: { TableName: table, Key: exchangeKeys.membership(e.userId, e.id) } },
      ]);
    },

    /** Files the assessment once: conditional on none yet; the rating goes to the person's membership too (archive). */
    async assess(e: Exchange, assessment: ExchangeAssessment): Promise<'ok' | 'conflict'> {
      return write([
        {
          Update: {
            TableName: table,
            Key: exchangeKeys.exchange(e.id),
            UpdateExpression: 'SET assessment = :a, updatedAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(assessment)',
            ExpressionAttributeValues: { ':a': assessment, ':at': assessment.assessedAt },
          },
        },
        {
          Update: {
            TableName: table,
            Key: exchangeKeys.membership(e.userId, e.id),
            UpdateExpression: 'SET rating = :r',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':r': assessment.rating },
          },
        },
      ]);
    },
  };
}
export type ExchangeRepository = ReturnType<typeof makeExchangeRepository>;
