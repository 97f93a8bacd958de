import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import jobTable from '../../functions/jobs.json' with { type: 'json' };
import streamTable from '../../functions/streams.json' with { type: 'json' };
import tableDefinition from '../../infra/table.json' with { type: 'json' };

// Reads the prod template `npm run check:package` produced: what infra/serverless/operations.cjs and serverless.yml
// add for an operator (README "Operating").
// The template is JSON of many shapes, read here property by property as CloudFormation defines them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: unknown };
const template = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../.serverless-prod/cloudformation-template-update-stack.json'), 'utf8')) as {
  Resources: Record<string, Resource>;
  Outputs: Record<string, { Value: unknown }>;
};
const resources = template.Resources;
const { httpFunctions } = createRequire(import.meta.url)('../../infra/serverless/function-groups.cjs') as { httpFunctions: () => Array<{ name: string }> };
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
interface MetricQuery {
  Id: string;
  ReturnData?: boolean;
  Expression?: string;
  MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown[] } };
}
interface Alarm {
  id: string;
  AlarmDescription: string;
  AlarmActions: unknown;
  OKActions: unknown;
  Threshold: number;
  Metrics?: MetricQuery[];
  Namespace?: string;
  MetricName?: string;
  Dimensions?: unknown[];
}
const alarms: Alarm[] = ofType('AWS::CloudWatch::Alarm').map(([id, r]) => ({ id, ...(r.Properties as Omit<Alarm, 'id'>) }));
const fnId = (name: string) => Object.entries(resources).find(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === `lianyan-prod-${name}`)![0];
/** The metrics an alarm reads: [namespace, metric name, dimensions as JSON]. */
const metricsOf = (a: Alarm): Array<[string, string, string]> =>
  a.Metrics
    ? a.Metrics.filter((m) => m.MetricStat)
        .map((m) => [m.MetricStat!.Metric.Namespace, m.MetricStat!.Metric.MetricName, JSON.stringify(m.MetricStat!.Metric.Dimensions)])
    : [[String(a.Namespace), String(a.MetricName), JSON.stringify(a.Dimensions)]];
const lambdaDimension = (name: string) => JSON.stringify([{ Name: 'FunctionName', Value: { Ref: fnId(name) } }]);

describe('operations (prod template)', () => {
  it('sends every alarm, and its return to OK, to the SNS topic named by ALARM_TOPIC_NAME (default lianyan-<stage>-alarms)', () => {
    expect(resources.AlarmTopic).toMatchObject({ Type: 'AWS::SNS::Topic', Properties: { TopicName: 'lianyan-prod-alarms' } });
    expect(template.Outputs.AlarmTopicArn!.Value).toEqual({ Ref: 'AlarmTopic' });
    expect(alarms.length).toBeGreaterThan(10);
    for (const a of alarms) {
      expect(a.AlarmActions, a.id).toEqual([{ Ref: 'AlarmTopic' }]);
      expect(a.OKActions, a.id).toEqual([{ Ref: 'AlarmTopic' }]);
      expect(String(a.AlarmDescription), a.id).toContain('README "Operating"');
    }
  });

  it('alarms on the HTTP API 5xx rate (5xx over requests, with a floor of 20 requests)', () => {
    const a = alarms.find((x) => x.id === 'ApiServerErrorRateAlarm')!;
    const dims = JSON.stringify([{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }]);
    expect(metricsOf(a)).toEqual([['AWS/ApiGateway', '5xx', dims], ['AWS/ApiGateway', 'Count', dims]]);
    expect(a.Metrics!.find((m) => m.ReturnData)!.Expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    expect(a.Threshold).toBe(5);
  });

  it('alarms on Lambda errors and on throttles for every API function (one per need set of routes, a few alone), in groups of at most 10', () => {
    for (const metric of ['Errors', 'Throttles']) {
      const group = alarms.filter((a) => a.id.startsWith(`Lambda${metric}`));
      for (const a of group) expect(metricsOf(a).length).toBeLessThanOrEqual(10);
      const covered = group.flatMap((a) => metricsOf(a).map(([, , dims]) => dims));
      expect(covered.sort()).toEqual(httpFunctions().map((f) => lambdaDimension(f.name)).sort());
    }
  });

  it('alarms when a stream consumer lags the table\'s stream by over a minute, and when its invocations fail', () => {
    for (const s of streamTable) {
      const mine = alarms.filter((a) => metricsOf(a).length === 1 && metricsOf(a)[0]![2] === lambdaDimension(s.name));
      expect(mine.map((a) => [metricsOf(a)[0]![1], a.Threshold]).sort()).toEqual([['Errors', 3], ['IteratorAge', 60_000]]);
    }
  });

  it('alarms on DynamoDB throttling on the table and each of its indexes', () => {
    const a = alarms.find((x) => x.id === 'TableThrottleAlarm')!;
    const read = metricsOf(a).filter(([ns, m]) => ns === 'AWS/DynamoDB' && m === 'ReadThrottleEvents').map(([, , d]) => d);
    expect(read).toHaveLength(1 + tableDefinition.GlobalSecondaryIndexes.length);
    for (const index of tableDefinition.GlobalSecondaryIndexes) expect(read.some((d) => d.includes(index.IndexName))).toBe(true);
    expect(metricsOf(a).filter(([, m]) => m === 'WriteThrottleEvents')).toHaveLength(read.length);
  });

  it('retries each scheduled job, then keeps what failed in a dead-letter queue, and alarms on a failed run and on dead letters', () => {
    const queueArn = { 'Fn::GetAtt': ['JobsDeadLetterQueue', 'Arn'] };
    expect(resources.JobsDeadLetterQueue!.Type).toBe('AWS::SQS::Queue');
    expect(resources.JobsDeadLetterQueue!.Properties.MessageRetentionPeriod).toBe(1_209_600);
    const rules = ofType('AWS::Events::Rule');
    for (const job of jobTable) {
      const id = fnId(job.name);
      expect(resources[id]!.Properties.DeadLetterConfig).toEqual({ TargetArn: queueArn });
      const config = ofType('AWS::Lambda::EventInvokeConfig').find(([, r]) => r.Properties.FunctionName.Ref === id)![1];
      expect(config.Properties.MaximumRetryAttempts).toBe(2);
      const target = rules.flatMap(([, r]) => r.Properties.Targets).find((t) => t.Arn['Fn::GetAtt'][0] === id);
      expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
      expect(target.DeadLetterConfig).toEqual({ Arn: queueArn });
      expect(alarms.some((a) => a.id.startsWith('Job') && JSON.stringify(metricsOf(a)) === JSON.stringify([['AWS/Lambda', 'Errors', lambdaDimension(job.name)]]))).toBe(true);
    }
    const policy = resources.JobsDeadLetterQueuePolicy!.Properties.PolicyDocument.Statement[0];
    expect(policy.Principal).toEqual({ Service: 'events.amazonaws.com' });
    expect(policy.Condition.ArnEquals['aws:SourceArn']).toHaveLength(rules.length);
    expect(metricsOf(alarms.find((a) => a.id === 'JobsDeadLetterAlarm')!)[0]!.slice(0, 2)).toEqual(['AWS/SQS', 'ApproximateNumberOfMessagesVisible']);
  });

  it('writes HTTP API access logs (JSON with the request id) to a log group with retention, and throttles the default route', () => {
    const stage = ofType('AWS::ApiGatewayV2::Stage')[0]![1].Properties;
    const logGroupId = stage.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(resources[logGroupId]!.Properties.RetentionInDays).toBe(30);
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(format.requestId).toBe('$context.requestId');
    expect(format.status).toBe('$context.status');
    expect(JSON.stringify(format)).not.toContain('sourceIp');
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
  });

  it('denies plain HTTP on the uploads bucket and blocks public access to the deployment bucket', () => {
    const policy = ofType('AWS::S3::BucketPolicy').find(([, r]) => JSON.stringify(r.Properties.Bucket) === JSON.stringify({ Ref: 'UploadsBucket' }))![1];
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(resources.ServerlessDeploymentBucket!.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });
});
