// Stream consumers (functions/streams.json): a Lambda per entry with a DynamoDB Streams event source mapping on the
// table's stream, and what its role may do (least-privilege.cjs asks streamStatements). Issue 19: the aggregator.
//   "keyPrefix": only records whose SK starts with it invoke the function (an event filter: its own counter writes
//   and every other item never do); "access": { "table": "aggregate", "stream": "read" }.
// A failing batch is split (bisect), its records retried at most maximumRetryAttempts times and for at most
// maximumRecordAgeInSeconds; what still fails is described in the jobs' dead-letter queue (operations.cjs, alarmed).
'use strict';

const streams = require('../../functions/streams.json');

const DEAD_LETTER_QUEUE = 'JobsDeadLetterQueue';
const sub = (text) => ({ 'Fn::Sub': text });
// The aggregator reads a session's partition and its digest state (GetItem), replaces its counters, digest state and
// school × semester digests, and raises the report versions of the federations a change reaches (a school's or
// session's federation looked up; UpdateItem ADD): nothing else on the table.
const TABLE_AGGREGATE = ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const STREAM_READ = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];

function streamFunctions() {
  return Object.fromEntries(
    streams.map((s) => [
      s.name,
      {
        handler: `functions/src/handlers/${s.handler}.handler`,
        timeout: s.timeout ?? 60,
        events: [
          {
            stream: {
              type: 'dynamodb',
              arn: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
              startingPosition: 'TRIM_HORIZON',
              batchSize: s.batchSize,
              batchWindow: s.batchWindow,
              bisectBatchOnFunctionError: true,
              maximumRetryAttempts: s.maximumRetryAttempts,
              maximumRecordAgeInSeconds: s.maximumRecordAgeInSeconds,
              functionResponseType: 'ReportBatchItemFailures',
              destinations: { onFailure: { arn: { 'Fn::GetAtt': [DEAD_LETTER_QUEUE, 'Arn'] }, type: 'sqs' } },
              ...(s.keyPrefix ? { filterPatterns: [{ dynamodb: { Keys: { SK: { S: [{ prefix: s.keyPrefix }] } } } }] } : {}),
            },
          },
        ],
      },
    ]),
  );
}

/** The declared needs of each stream consumer, by function name (a stream consumer sends its failures to the queue). */
const streamAccess = () => streams.map((s) => [s.name, s.access && { ...s.access, job: true }]);

/** The statements of a stream consumer's own needs (the rest — logs, the queue — as for any job). */
function streamStatements(access, tableName) {
  const table = `arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/${tableName}`;
  const out = [];
  if (access.table === 'aggregate') out.push({ Effect: 'Allow', Action: TABLE_AGGREGATE, Resource: [sub(table)] });
  if (access.stream === 'read') out.push({ Effect: 'Allow', Action: STREAM_READ, Resource: [sub(`${table}/stream/*`)] });
  return out;
}

module.exports = { streamFunctions, streamAccess, streamStatements, streams, TABLE_AGGREGATE };
