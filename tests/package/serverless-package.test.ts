import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import routeTable from '../../functions/routes.json' with { type: 'json' };
import tableDefinition from '../../infra/table.json' with { type: 'json' };
import jobTable from '../../functions/jobs.json' with { type: 'json' };
import { tableNameOf } from '../../infra/src/admin/target.ts';

// Reads what `npm run check:package` produced: `serverless package` for stage ci and for stage prod.
const root = resolve(import.meta.dirname, '../..');
type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
const template = (dir: string) =>
  JSON.parse(readFileSync(resolve(root, dir, 'cloudformation-template-update-stack.json'), 'utf8')) as {
    Resources: Record<string, Resource>;
  };
const ci = template('.serverless-ci');
const prod = template('.serverless-prod');
const ofType = (t: typeof ci, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
const deployed = routeTable.filter((r) => !('localOnly' in r && r.localOnly));

describe('serverless package output', () => {
  it('defines the table from infra/table.json with both GSIs, on demand, with point-in-time recovery', () => {
    const [, table] = ofType(prod, 'AWS::DynamoDB::Table')[0]!;
    const p = table.Properties;
    expect(p.KeySchema).toEqual(tableDefinition.KeySchema);
    expect(p.GlobalSecondaryIndexes).toEqual(tableDefinition.GlobalSecondaryIndexes);
    expect((p.GlobalSecondaryIndexes as Array<{ IndexName: string }>).map((g) => g.IndexName)).toEqual(['GSI1', 'GSI2']);
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.DeletionPolicy).toBe('Retain');
  });

  it('names the table as `npm run admin -- --stage` expects it', () => {
    expect(ofType(prod, 'AWS::DynamoDB::Table')[0]![1].Properties.TableName).toBe(tableNameOf('prod'));
    expect(ofType(ci, 'AWS::DynamoDB::Table')[0]![1].Properties.TableName).toBe(tableNameOf('ci'));
  });

  it('protects the table from deletion outside throw-away stages', () => {
    expect(ofType(prod, 'AWS::DynamoDB::Table')[0]![1].Properties.DeletionProtectionEnabled).toBe(true);
    expect(ofType(ci, 'AWS::DynamoDB::Table')[0]![1].Properties.DeletionProtectionEnabled).toBe(false);
  });

  it('has one Node.js 22 arm64 function and one HTTP API route per deployed endpoint, and no dev routes', () => {
    const functions = ofType(prod, 'AWS::Lambda::Function').map(([, r]) => r.Properties);
    expect(functions).toHaveLength(deployed.length + jobTable.length);
    for (const f of functions) {
      expect(f.Runtime).toBe('nodejs22.x');
      expect(f.Architectures).toEqual(['arm64']);
    }
    const routeKeys = ofType(prod, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey).sort();
    const expected = deployed.map((r) => (r.path === '*' ? '$default' : `${r.method} ${r.path}`)).sort();
    expect(routeKeys).toEqual(expected);
    expect(routeKeys.join()).not.toMatch(/\/v1\/(dev|auth\/dev)/);
  });

  it('runs each scheduled job (functions/jobs.json) from an EventBridge rule', () => {
    const rules = ofType(prod, 'AWS::Events::Rule').map(([, r]) => r.Properties);
    expect(rules.map((r) => r.ScheduleExpression).sort()).toEqual(jobTable.map((j) => j.schedule).sort());
    expect(rules.every((r) => r.State === 'ENABLED')).toBe(true);
  });

  it('grants DynamoDB only on the table and its indexes, with the partition in every ARN', () => {
    const role = ofType(prod, 'AWS::IAM::Role')[0]![1];
    const text = JSON.stringify(role.Properties);
    const statements = (role.Properties.Policies as Array<{ PolicyDocument: { Statement: Array<{ Action: string[]; Resource: unknown[] }> } }>)
      .flatMap((p) => p.PolicyDocument.Statement);
    for (const s of statements) {
      const actions = [s.Action].flat();
      expect(actions).not.toContain('dynamodb:*');
      expect(actions).not.toContain('dynamodb:Scan');
      expect([s.Resource].flat()).not.toContain('*');
    }
    const arns = [...text.matchAll(/arn:[^"]*/g)].map((m) => m[0]);
    expect(arns.length).toBeGreaterThan(0);
    for (const arn of arns) expect(arn.startsWith('arn:${AWS::Partition}:') || arn === 'arn:').toBe(true);
    expect(text).toContain(':table/lianyan-prod/index/*');
  });

  it('keeps evidence files in a private, encrypted bucket that forgets unattached uploads, reachable only by its prefixes', () => {
    const name = 'UploadsBucket';
    const bucket = prod.Resources[name]!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Array<{ Prefix: string; ExpirationInDays: number }> }).Rules;
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: 'incoming/', ExpirationInDays: 1 }));
    const fn = ofType(prod, 'AWS::Lambda::Function')[0]![1];
    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.UPLOADS_BUCKET).toEqual({ Ref: name });
    const text = JSON.stringify(ofType(prod, 'AWS::IAM::Role'));
    expect(text).toContain('arn:${AWS::Partition}:s3:::${UploadsBucket}/evidence/*');
    expect(text).not.toMatch(/"s3:\*"/);
    const table = ofType(prod, 'AWS::DynamoDB::Table')[0]![1];
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('reads secrets from SSM parameters, never from plain environment values', () => {
    const env = ofType(prod, 'AWS::Lambda::Function')[0]![1].Properties.Environment as { Variables: Record<string, string> };
    expect(env.Variables.JWT_SECRET_PARAMETER).toBe('/lianyan/prod/jwt-secret');
    expect(env.Variables.WECHAT_APP_SECRET_PARAMETER).toBe('/lianyan/prod/wechat-app-secret');
    expect(env.Variables).not.toHaveProperty('JWT_SECRET');
    expect(env.Variables.STAGE).toBe('prod');
  });

  it('bundles each function, the DynamoDB client included, into a zip under 150 KB', () => {
    for (const route of deployed) {
      const size = statSync(resolve(root, '.serverless-prod', `${route.name}.zip`)).size;
      expect(size).toBeGreaterThan(1_000);
      expect(size).toBeLessThan(150 * 1024);
    }
  });
});
