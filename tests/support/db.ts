import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { stack } from './api.ts';

/** A document client on the test stack's DynamoDB Local, for arranging state the API cannot (e.g. expired invites). */
export function testTable() {
  const { dynamoEndpoint, tableName } = stack();
  const client = new DynamoDBClient({
    endpoint: dynamoEndpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { db: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), table: tableName };
}
