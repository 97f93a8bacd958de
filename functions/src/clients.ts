import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { config } from '#config';
import type { BlobStore } from '#lib/blobs';
import { makeLocalBlobStore, type LocalBlobStore } from '#lib/blobs-local';
import { makeS3BlobStore } from '#lib/blobs-s3';

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
export const tableName = config.tableName;

// SSM is loaded on first use only: importing it costs about 200 ms of cold start, and secrets are read once.
let ssm: Promise<{ client: SSMClient; sdk: typeof import('@aws-sdk/client-ssm') }> | undefined;

/** A decrypted SSM parameter value. */
export async function getParameter(name: string): Promise<string | undefined> {
  ssm ??= import('@aws-sdk/client-ssm').then((sdk) => ({ sdk, client: new sdk.SSMClient({ region: config.region }) }));
  const { sdk, client } = await ssm;
  const out = await client.send(new sdk.GetParameterCommand({ Name: name, WithDecryption: true }));
  return out.Parameter?.Value;
}

/** Evidence files: S3 when a bucket is configured, else the local store (undefined when neither is). */
export const localBlobs: LocalBlobStore | undefined =
  !config.uploads.bucket && config.uploads.localDir && config.uploads.localSecret
    ? makeLocalBlobStore({ dir: config.uploads.localDir, secret: config.uploads.localSecret })
    : undefined;
export const blobs: BlobStore | undefined = config.uploads.bucket
  ? makeS3BlobStore({ bucket: config.uploads.bucket, region: config.region })
  : localBlobs;
