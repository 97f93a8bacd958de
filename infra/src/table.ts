import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import tableDefinition from '../table.json' with { type: 'json' };

// infra/table.json is the one definition: serverless.yml reads it for CloudFormation, this for the local stack.
export { tableDefinition };

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'exists'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'exists';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  // CloudFormation names only the view type; the API also wants the stream switched on.
  const { StreamSpecification, ...definition } = tableDefinition;
  await client.send(
    new CreateTableCommand({ TableName: tableName, ...definition, StreamSpecification: { StreamEnabled: true, ...StreamSpecification } } as never),
  );
  return 'created';
}
