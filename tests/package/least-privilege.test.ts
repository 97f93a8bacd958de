import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import routeTable from '../../functions/routes.json' with { type: 'json' };
import jobTable from '../../functions/jobs.json' with { type: 'json' };
import streamTable from '../../functions/streams.json' with { type: 'json' };

// Reads the prod template `npm run check:package` produced: each function's role against the `access` its routes
// (functions/routes.json) or job (functions/jobs.json) declare (infra/serverless/least-privilege.cjs).
type Statement = { Effect: string; Action: string[]; Resource: unknown[] };
type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
type Access = { table?: 'read' | 'write' | 'aggregate'; uploads?: 'read' | 'write'; secrets?: string[]; stream?: 'read' };
const template = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../.serverless-prod/cloudformation-template-update-stack.json'), 'utf8')) as {
  Resources: Record<string, Resource>;
};
const resources = template.Resources;
// Routes with the same `access` share a function (infra/serverless/function-groups.cjs): each route's or job's needs,
// with the function that serves it.
const { functionOf } = createRequire(import.meta.url)('../../infra/serverless/function-groups.cjs') as { functionOf: () => Record<string, string> };
const served = functionOf();
const declared = new Map<string, { access: Access; job: boolean; fn: string }>([
  ...routeTable.filter((r) => !('localOnly' in r && r.localOnly)).map((r) => [r.name, { access: r.access as Access, job: false, fn: served[r.name]! }] as const),
  ...jobTable.map((j) => [j.name, { access: j.access as Access, job: true, fn: served[j.name]! }] as const),
  // Stream consumers (functions/streams.json) send failed batches to the jobs' dead-letter queue, like jobs.
  ...streamTable.map((s) => [s.name, { access: s.access as Access, job: true, fn: s.name }] as const),
]);
/** The function that serves a route or runs a job. */
const fnOf = (name: string) => declared.get(name)!.fn;
const SECRET_PARAMETERS: Record<string, string> = {
  jwt: '/lianyan/prod/jwt-secret',
  qr: '/lianyan/prod/qr-secret',
  wechat: '/lianyan/prod/wechat-app-secret',
  dingtalk: '/lianyan/prod/dingtalk-app-secret',
};
const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'];

const functions = Object.entries(resources)
  .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
  .map(([id, r]) => ({ id, name: String(r.Properties.FunctionName).replace(/^lianyan-prod-/, ''), roleId: (r.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0] }));
const byName = new Map(functions.map((f) => [f.name, f]));

/** What a function's role allows: actions per resource ARN (the Fn::Sub text). */
function grants(name: string): Array<{ action: string; resource: string }> {
  const role = resources[byName.get(name)!.roleId]!;
  const policies = role.Properties.Policies as Array<{ PolicyDocument: { Statement: Statement[] } }>;
  return policies.flatMap((p) =>
    p.PolicyDocument.Statement.flatMap((s) => {
      expect(s.Effect).toBe('Allow');
      return s.Action.flatMap((action) => s.Resource.map((r) => ({ action, resource: typeof r === 'object' && r && 'Fn::Sub' in r ? String(r['Fn::Sub']) : JSON.stringify(r) })));
    }),
  );
}
const actionsOn = (name: string, prefix: string) => new Set(grants(name).filter((g) => g.action.startsWith(prefix)).map((g) => g.action));
const parametersOf = (name: string) =>
  new Set(grants(name).filter((g) => g.action === 'ssm:GetParameter').map((g) => g.resource.replace(/^arn:\$\{AWS::Partition\}:ssm:\$\{AWS::Region\}:\$\{AWS::AccountId\}:parameter/, '')));

describe('least privilege per function (prod template)', () => {
  it('gives every deployed function a role, none the provider-wide one', () => {
    expect(functions.map((f) => f.name).sort()).toEqual([...new Set([...declared.values()].map((d) => d.fn))].sort());
    expect(resources).not.toHaveProperty('IamRoleLambdaExecution');
    for (const f of functions) expect(resources[f.roleId]?.Type).toBe('AWS::IAM::Role');
  });

  it('shares a function, and a role, only between routes and functions that declare the same needs (one role per distinct need set)', () => {
    const needsOf = (d: { access: Access; job: boolean }) => JSON.stringify({ ...d.access, secrets: [...(d.access.secrets ?? [])].sort(), job: d.job });
    const byFunction = new Map<string, Set<string>>();
    for (const d of declared.values()) byFunction.set(d.fn, (byFunction.get(d.fn) ?? new Set()).add(needsOf(d)));
    for (const [fn, needs] of byFunction) expect(needs.size, fn).toBe(1);
    const fnNeeds = (name: string) => [...byFunction.get(name)!][0]!;
    const roles = new Map<string, Set<string>>();
    for (const f of functions) roles.set(f.roleId, (roles.get(f.roleId) ?? new Set()).add(fnNeeds(f.name)));
    for (const needs of roles.values()) expect(needs.size).toBe(1);
    expect(roles.size).toBe(new Set(functions.map((f) => fnNeeds(f.name))).size);
    expect(Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Role')).toHaveLength(roles.size);
  });

  it('getDisplay (public, the projector page) can read the table but not write it', () => {
    const dynamo = actionsOn(fnOf('getDisplay'), 'dynamodb:');
    expect(dynamo).toContain('dynamodb:Query');
    for (const write of WRITES) expect(dynamo).not.toContain(write);
    expect(actionsOn(fnOf('getDisplay'), 's3:').size).toBe(0);
  });

  it('signIn reads only its own secrets (tokens and QR codes), not the WeChat or DingTalk app secrets', () => {
    expect(fnOf('signIn')).toBe('signIn');
    expect(parametersOf(fnOf('signIn'))).toEqual(new Set([SECRET_PARAMETERS.jwt, SECRET_PARAMETERS.qr]));
    expect(parametersOf(fnOf('authWechat'))).toEqual(new Set([SECRET_PARAMETERS.jwt, SECRET_PARAMETERS.wechat]));
    expect(parametersOf(fnOf('authDingtalk'))).toEqual(new Set([SECRET_PARAMETERS.jwt, SECRET_PARAMETERS.dingtalk]));
    expect(parametersOf(fnOf('health')).size).toBe(0);
  });

  it('lets the stream aggregator read the table\'s stream, Query, get, put and update items: nothing else', () => {
    for (const { name } of streamTable) {
      const byResource = new Map<string, Set<string>>();
      for (const g of grants(name).filter((x) => x.action.startsWith('dynamodb:'))) byResource.set(g.resource, (byResource.get(g.resource) ?? new Set()).add(g.action));
      const table = 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/lianyan-prod';
      expect(byResource).toEqual(
        new Map([
          [table, new Set(['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'])],
          [`${table}/stream/*`, new Set(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'])],
        ]),
      );
      const mapping = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping' && JSON.stringify(r.Properties.FunctionName).includes(byName.get(name)!.id));
      expect(mapping?.DependsOn).toEqual([byName.get(name)!.roleId]);
      expect(mapping?.Properties).toMatchObject({ BisectBatchOnFunctionError: true, FunctionResponseTypes: ['ReportBatchItemFailures'], EventSourceArn: { 'Fn::GetAtt': ['Table', 'StreamArn'] } });
    }
  });

  it('allows each function exactly the table access, upload prefixes and parameters its routes or job declare', () => {
    for (const [route, { access, job, fn: name }] of declared) {
      const label = `${route} → ${name}`;
      const dynamo = actionsOn(name, 'dynamodb:');
      if (access.stream) {
        // Checked above.
      } else if (!access.table) expect(dynamo.size, label).toBe(0);
      else {
        expect(dynamo, label).toContain('dynamodb:GetItem');
        for (const write of WRITES) expect(dynamo.has(write), `${label} ${write}`).toBe(access.table === 'write');
      }
      for (const g of grants(name).filter((x) => x.action.startsWith('dynamodb:'))) {
        expect(g.resource).toMatch(/^arn:\$\{AWS::Partition\}:dynamodb:\$\{AWS::Region\}:\$\{AWS::AccountId\}:table\/lianyan-prod(\/index\/\*|\/stream\/\*)?$/);
        if (g.resource.endsWith('/index/*')) expect(g.action, label).toBe('dynamodb:Query');
      }
      const s3 = grants(name).filter((g) => g.action.startsWith('s3:'));
      if (!access.uploads) expect(s3, label).toEqual([]);
      else {
        for (const g of s3) expect(g.resource).toMatch(/^arn:\$\{AWS::Partition\}:s3:::\$\{UploadsBucket\}\/(incoming|evidence|bundles)\/\*$/);
        expect(s3.some((g) => g.action === 's3:PutObject'), label).toBe(access.uploads === 'write');
        if (access.uploads === 'read') expect(new Set(s3.map((g) => g.resource))).toEqual(new Set(['arn:${AWS::Partition}:s3:::${UploadsBucket}/evidence/*']));
      }
      expect(parametersOf(name), label).toEqual(new Set((access.secrets ?? []).map((s) => SECRET_PARAMETERS[s])));
      expect(actionsOn(name, 'sqs:').size > 0, label).toBe(job);
      const logs = grants(name).filter((g) => g.action.startsWith('logs:'));
      expect(logs.some((g) => g.resource.includes(`:log-group:/aws/lambda/lianyan-prod-${name}:`)), label).toBe(true);
      for (const g of grants(name)) expect(g.resource.startsWith('arn:${AWS::Partition}:') || g.resource.includes('JobsDeadLetterQueue'), g.resource).toBe(true);
    }
  });

  it('lets a role write only to the log groups of its own functions', () => {
    for (const f of functions) {
      const mates = functions.filter((o) => o.roleId === f.roleId).map((o) => `/aws/lambda/lianyan-prod-${o.name}:`);
      for (const g of grants(f.name).filter((x) => x.action.startsWith('logs:'))) expect(mates.some((m) => g.resource.includes(m)), g.resource).toBe(true);
    }
  });
});
