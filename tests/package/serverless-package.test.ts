import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import routeTable from '../../functions/routes.json' with { type: 'json' };
import tableDefinition from '../../infra/table.json' with { type: 'json' };
import jobTable from '../../functions/jobs.json' with { type: 'json' };
import streamTable from '../../functions/streams.json' with { type: 'json' };
import { tableNameOf } from '../../infra/src/admin/target.ts';
import webPolicy from '../../infra/web.json' with { type: 'json' };

// Reads what `npm run check:package` produced: `serverless package` for stage ci and for stage prod.
const root = resolve(import.meta.dirname, '../..');
type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
const template = (dir: string) =>
  JSON.parse(readFileSync(resolve(root, dir, 'cloudformation-template-update-stack.json'), 'utf8')) as {
    Resources: Record<string, Resource>;
    Conditions?: Record<string, unknown>;
    Outputs?: Record<string, unknown>;
  };
const ci = template('.serverless-ci');
const prod = template('.serverless-prod');
const ofType = (t: typeof ci, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
const deployed = routeTable.filter((r) => !('localOnly' in r && r.localOnly));
const { httpFunctions, functionOf } = createRequire(import.meta.url)('../../infra/serverless/function-groups.cjs') as {
  httpFunctions: () => Array<{ name: string; entry: boolean; routes: Array<{ name: string }> }>;
  functionOf: () => Record<string, string>;
};

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
    expect(p.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('feeds the table\'s stream to each stream consumer (functions/streams.json): bounded retries, bisect, dead letters', () => {
    const mappings = ofType(prod, 'AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties);
    expect(mappings).toHaveLength(streamTable.length);
    for (const [i, s] of streamTable.entries()) {
      expect(mappings[i]).toMatchObject({
        EventSourceArn: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: s.batchSize,
        MaximumBatchingWindowInSeconds: s.batchWindow,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: s.maximumRetryAttempts,
        MaximumRecordAgeInSeconds: s.maximumRecordAgeInSeconds,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['JobsDeadLetterQueue', 'Arn'] } } },
      });
      // Every change may reach a report (docs/design/aggregates.md): a key filter only when the consumer declares one.
      const keyPrefix = (s as { keyPrefix?: string }).keyPrefix;
      if (keyPrefix) expect(mappings[i]!.FilterCriteria).toEqual({ Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { SK: { S: [{ prefix: keyPrefix }] } } } }) }] });
      else expect(mappings[i]!.FilterCriteria).toBeUndefined();
    }
  });

  it('names the table as `npm run admin -- --stage` expects it', () => {
    expect(ofType(prod, 'AWS::DynamoDB::Table')[0]![1].Properties.TableName).toBe(tableNameOf('prod'));
    expect(ofType(ci, 'AWS::DynamoDB::Table')[0]![1].Properties.TableName).toBe(tableNameOf('ci'));
  });

  it('protects the table from deletion outside throw-away stages', () => {
    expect(ofType(prod, 'AWS::DynamoDB::Table')[0]![1].Properties.DeletionProtectionEnabled).toBe(true);
    expect(ofType(ci, 'AWS::DynamoDB::Table')[0]![1].Properties.DeletionProtectionEnabled).toBe(false);
  });

  it('has one Node.js 22 arm64 function per need set of routes (a few alone) and per job, one HTTP API route per deployed endpoint, and no dev routes', () => {
    const functions = ofType(prod, 'AWS::Lambda::Function').map(([, r]) => r.Properties);
    expect(functions).toHaveLength(httpFunctions().length + jobTable.length + streamTable.length);
    expect(functions.length).toBeLessThan(deployed.length / 2);
    for (const f of functions) {
      expect(f.Runtime).toBe('nodejs22.x');
      expect(f.Architectures).toEqual(['arm64']);
    }
    const routeKeys = ofType(prod, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey).sort();
    const expected = deployed.map((r) => (r.path === '*' ? '$default' : `${r.method} ${r.path}`)).sort();
    expect(routeKeys).toEqual(expected);
    expect(routeKeys.join()).not.toMatch(/\/v1\/(dev|auth\/dev)/);
  });

  it('sends each route to the function that serves it, through one integration and one invoke permission per function', () => {
    const integrations = ofType(prod, 'AWS::ApiGatewayV2::Integration');
    expect(integrations).toHaveLength(httpFunctions().length);
    const uriOfIntegration = new Map(integrations.map(([id, r]) => [id, JSON.stringify(r.Properties.IntegrationUri)]));
    const lambdaId = (name: string) => ofType(prod, 'AWS::Lambda::Function').find(([, r]) => r.Properties.FunctionName === `lianyan-prod-${name}`)![0];
    const served = functionOf();
    for (const [, route] of ofType(prod, 'AWS::ApiGatewayV2::Route')) {
      const key = String(route.Properties.RouteKey);
      const r = deployed.find((d) => (d.path === '*' ? '$default' : `${d.method} ${d.path}`) === key)!;
      const target = JSON.stringify(route.Properties.Target);
      const integration = [...uriOfIntegration.keys()].find((id) => target.includes(`"${id}"`))!;
      expect(uriOfIntegration.get(integration), key).toContain(`"${lambdaId(served[r.name]!)}"`);
    }
    const apiPermissions = ofType(prod, 'AWS::Lambda::Permission').filter(([, r]) => r.Properties.Principal === 'apigateway.amazonaws.com');
    expect(apiPermissions).toHaveLength(httpFunctions().length);
  });

  it('runs each scheduled job (functions/jobs.json) from an EventBridge rule', () => {
    const rules = ofType(prod, 'AWS::Events::Rule').map(([, r]) => r.Properties);
    expect(rules.map((r) => r.ScheduleExpression).sort()).toEqual(jobTable.map((j) => j.schedule).sort());
    expect(rules.every((r) => r.State === 'ENABLED')).toBe(true);
  });

  // Which function may do what: tests/package/least-privilege.test.ts.
  it('grants DynamoDB only on the table and its indexes, with the partition in every ARN', () => {
    const roles = ofType(prod, 'AWS::IAM::Role').map(([, r]) => r);
    const text = JSON.stringify(roles.map((r) => r.Properties));
    const statements = roles
      .flatMap((role) => role.Properties.Policies as Array<{ PolicyDocument: { Statement: Array<{ Action: string[]; Resource: unknown[] }> } }>)
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

  // 180 KB for a function of one route or a job (since exchanges, mentor pairs and privacy, 2026-12-02), 256 KB for one
  // that serves a need set's routes, signIn (the hot path) kept under 160 KB: BENCHMARKS.md §4.
  it('bundles each function, the DynamoDB client included, into a zip within its budget', () => {
    const kb = (name: string) => statSync(resolve(root, '.serverless-prod', `${name}.zip`)).size / 1024;
    const names = [...httpFunctions().map((f) => f.name), ...jobTable.map((j) => j.name), ...streamTable.map((s) => s.name)];
    for (const name of names) expect(kb(name), name).toBeGreaterThan(1);
    for (const f of httpFunctions()) expect(kb(f.name), f.name).toBeLessThan(f.entry ? 256 : 180);
    for (const j of [...jobTable, ...streamTable]) expect(kb(j.name), j.name).toBeLessThan(180);
    expect(kb('signIn')).toBeLessThan(160);
  });
  describe('the web side', () => {
    type Behavior = Record<string, unknown> & { TargetOriginId: string; PathPattern?: string };
    const distribution = () => {
      const found = ofType(prod, 'AWS::CloudFront::Distribution');
      expect(found).toHaveLength(1);
      return found[0]![1].Properties.DistributionConfig as Record<string, unknown> & {
        Origins: Array<Record<string, unknown> & { Id: string }>;
        DefaultCacheBehavior: Behavior;
        CacheBehaviors: Behavior[];
      };
    };
    const policy = <T>(ref: unknown, key: string) => prod.Resources[(ref as { Ref: string }).Ref]!.Properties[key] as T;

    it('serves the H5 build from a private bucket that only the distribution reads (origin access control)', () => {
      const web = distribution().Origins.find((o) => o.Id === 'web')!;
      expect(web.DomainName).toEqual({ 'Fn::GetAtt': ['WebBucket', 'RegionalDomainName'] });
      expect(web.OriginAccessControlId).toEqual({ 'Fn::GetAtt': ['WebOriginAccessControl', 'Id'] });
      expect(prod.Resources.WebOriginAccessControl!.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' });
      expect(prod.Resources.WebBucket!.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      const statement = (prod.Resources.WebBucketPolicy!.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement[0]!;
      expect(statement.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect(JSON.stringify(statement.Condition)).toContain('arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${WebDistribution}');
      expect(ofType(ci, 'AWS::CloudFront::Distribution')).toHaveLength(1);
    });

    it('answers HTTPS only over HTTP/2 and 3, compressing at the edge, with the security headers and the CSP', () => {
      const config = distribution();
      expect(config.HttpVersion).toBe('http2and3');
      for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
        expect(['redirect-to-https', 'https-only']).toContain(behavior.ViewerProtocolPolicy);
        expect(behavior.Compress).toBe(true);
        const headers = policy<{ SecurityHeadersConfig: Record<string, Record<string, unknown>> }>(behavior.ResponseHeadersPolicyId, 'ResponseHeadersPolicyConfig').SecurityHeadersConfig;
        expect(headers.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: webPolicy.contentSecurityPolicy, Override: false });
        expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: webPolicy.hstsSeconds, Override: true });
        expect(headers.ContentTypeOptions).toEqual({ Override: true });
        expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
        expect(headers.ReferrerPolicy).toMatchObject({ ReferrerPolicy: webPolicy.referrerPolicy });
      }
      const webCache = policy<{ ParametersInCacheKeyAndForwardedToOrigin: Record<string, unknown> }>(config.DefaultCacheBehavior.CachePolicyId, 'CachePolicyConfig');
      expect(webCache.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({ EnableAcceptEncodingGzip: true, EnableAcceptEncodingBrotli: true });
    });

    it('sends /v1/* to the HTTP API on the same domain: every method, never cached, Authorization and query strings forwarded, Host not', () => {
      const config = distribution();
      const api = config.CacheBehaviors.find((b) => b.PathPattern === '/v1/*')!;
      expect(api.TargetOriginId).toBe('api');
      expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']));
      expect(api.ViewerProtocolPolicy).toBe('https-only');
      const origin = config.Origins.find((o) => o.Id === 'api')!;
      expect(JSON.stringify(origin.DomainName)).toContain('${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}');
      const cache = policy<{ DefaultTTL: number; MinTTL: number; ParametersInCacheKeyAndForwardedToOrigin: Record<string, Record<string, unknown>> }>(api.CachePolicyId, 'CachePolicyConfig');
      expect(cache).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
      expect(cache.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig).toEqual({ HeaderBehavior: 'whitelist', Headers: ['authorization'] });
      expect(cache.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig).toEqual({ QueryStringBehavior: 'all' });
      const request = policy<Record<string, Record<string, unknown>>>(api.OriginRequestPolicyId, 'OriginRequestPolicyConfig');
      expect(request.HeadersConfig).toEqual({ HeaderBehavior: 'allExcept', Headers: ['host'] });
      expect(request.QueryStringsConfig).toEqual({ QueryStringBehavior: 'all' });
    });

    it('loads the pages of /s/* and /display/* by a CloudFront Function, not by error pages that would turn API 404s into HTML', () => {
      const config = distribution();
      expect(config.CustomErrorResponses).toBeUndefined();
      expect(config.DefaultRootObject).toBe('index.html');
      const [association] = config.DefaultCacheBehavior.FunctionAssociations as Array<{ EventType: string; FunctionARN: unknown }>;
      expect(association!.EventType).toBe('viewer-request');
      const fn = prod.Resources.WebRouterFunction!.Properties;
      expect(fn.AutoPublish).toBe(true);
      const code = fn.FunctionCode as string;
      for (const route of ['/s/', '/display/']) expect(code).toContain(JSON.stringify(route));
      for (const page of ['/landing.html', '/display.html']) expect(code).toContain(JSON.stringify(page));
    });

    it('takes the custom domain and its certificate as parameters: no alias and the default certificate when they are empty', () => {
      const config = distribution();
      expect(config.Aliases).toEqual({ 'Fn::If': ['WebHasDomain', [''], { Ref: 'AWS::NoValue' }] });
      expect(JSON.stringify(config.ViewerCertificate)).toContain('"IamCertificateId"');
      expect(JSON.stringify(config.ViewerCertificate)).toContain('"CloudFrontDefaultCertificate":true');
      expect(Object.keys(prod.Conditions ?? {})).toEqual(expect.arrayContaining(['WebHasDomain', 'WebHasAcmCertificate', 'WebHasIamCertificate']));
      expect(Object.keys(prod.Outputs ?? {})).toEqual(expect.arrayContaining(['WebBucketName', 'WebDistributionId']));
      const arns = [...JSON.stringify(prod.Resources).matchAll(/arn:[^"]*/g)].map((m) => m[0]);
      for (const arn of arns) expect(arn.startsWith('arn:${AWS::Partition}:') || arn === 'arn:').toBe(true);
    });
  });
});
