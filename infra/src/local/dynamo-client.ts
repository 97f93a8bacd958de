import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB Local takes any key; these are what every local tool signs with. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface DynamoTarget {
  /** DynamoDB Local's URL; without it, AWS in `region` with the default credentials chain. */
  endpoint?: string | undefined;
  region?: string | undefined;
  /** Sign with the local stand-in credentials (default: when an endpoint is given). */
  local?: boolean | undefined;
  maxAttempts?: number | undefined;
}

/**
 * The one client factory of the tools around the functions (local stack, admin CLI, seed, tests, bench); the
 * functions build theirs in `functions/src/clients.ts`, which has no stand-in credentials to carry.
 */
export function dynamoClient(target: DynamoTarget): DynamoDBClient {
  const local = target.local ?? Boolean(target.endpoint);
  return new DynamoDBClient({
    region: target.region ?? 'cn-north-1',
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(local ? { credentials: LOCAL_CREDENTIALS } : {}),
    ...(target.maxAttempts ? { maxAttempts: target.maxAttempts } : {}),
  });
}

/** A document client as the repositories use it (undefined attributes dropped). */
export function documentClient(target: DynamoTarget): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(dynamoClient(target), { marshallOptions: { removeUndefinedValues: true } });
}
