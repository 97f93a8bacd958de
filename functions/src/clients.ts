import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SSMClient } from '@aws-sdk/client-ssm';
import { config } from '#config';

// SDK clients are created once per cold start and passed to repositories.
export function makeDocumentClient(options: { region: string; endpoint?: string | undefined }) {
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    maxAttempts: 4,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export const db = makeDocumentClient({ region: config.region, endpoint: config.dynamoDbEndpoint });
export const ssm = new SSMClient({ region: config.region });
export const tableName = config.tableName;
