import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoClient } from '@lianyan/infra/local/dynamo-client';
import { ensureTableStream } from '@lianyan/infra/local/streams';
import { makeAggregateRepository } from '@lianyan/functions/repositories/aggregates';
import { api, devLogin, settleStreams, stack, uniqueId } from '../support/api.ts';
import { testTable } from '../support/db.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

// The local stack reads DynamoDB Local's stream (infra/src/local/streams.ts) and feeds the same aggregateStream
// handler Lambda runs: a sign-in over HTTP becomes the session's counters with no call to the aggregator here.
const aggregates = makeAggregateRepository(testTable());

describe('the local stack reads the table stream', () => {
  it('turns sign-ins and a mark into the session counters, by school', async () => {
    const { session, organizerToken } = await publishedSession();
    const before = await settleStreams();
    for (const account of ['core-teacher-1', 'east2-teacher-3', 'east2-teacher-4']) {
      const { token } = await devLogin(account);
      const res = await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token, body: scan((await currentQr(session.id, organizerToken)).token) });
      expect(res.status).toBe(201);
    }
    const after = await settleStreams();
    expect(after.records - before.records).toBeGreaterThanOrEqual(3);
    expect(after.dropped).toBe(before.dropped);
    const counts = await aggregates.getSessionCounts(session.id, { consistent: true });
    expect(counts?.total).toMatchObject({ signedIn: 3, records: 3 });
    expect(counts?.bySchool['sch-east2']).toMatchObject({ signedIn: 2 });
    expect(counts?.bySchool['sch-core']).toMatchObject({ signedIn: 1 });

    const mark = await api('PUT', `/v1/sessions/${session.id}/attendance/u-core-teacher-1`, { token: organizerToken, body: { status: 'excused', reason: '外出培训' } });
    expect(mark.status).toBeLessThan(300);
    await settleStreams();
    const marked = await aggregates.getSessionCounts(session.id, { consistent: true });
    expect(marked?.total).toMatchObject({ signedIn: 2, excused: 1, records: 3 });
  });

  it('settles at once when nothing is pending', async () => {
    const first = await settleStreams();
    const second = await settleStreams();
    expect(second.dropped).toBe(first.dropped);
    expect(second.records).toBeGreaterThanOrEqual(first.records);
  });
});

describe('a table made before the stream existed', () => {
  it('gets its stream switched on once, then is left as it is', async () => {
    const client = dynamoClient({ endpoint: stack().dynamoEndpoint });
    const TableName = uniqueId('old-table');
    await client.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    try {
      const first = await ensureTableStream(client, TableName);
      expect(first.enabled).toBe(true);
      expect(first.arn).toContain(TableName);
      const second = await ensureTableStream(client, TableName);
      expect(second).toEqual({ arn: first.arn, enabled: false });
    } finally {
      await client.send(new DeleteTableCommand({ TableName }));
      client.destroy();
    }
  });
});
