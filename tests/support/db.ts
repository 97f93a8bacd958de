import { documentClient } from '@lianyan/infra/local/dynamo-client';
import { stack } from './api.ts';

/** A document client on the test stack's DynamoDB Local, for arranging state the API cannot (e.g. expired invites). */
export function testTable() {
  const { dynamoEndpoint, tableName } = stack();
  return { db: documentClient({ endpoint: dynamoEndpoint }), table: tableName };
}
