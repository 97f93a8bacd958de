// A serverless plugin: what an operator needs around the functions (README "Operating" says what each alarm means).
// - CloudWatch alarms to one SNS topic: the HTTP API's 5xx rate, Lambda errors and throttles of the HTTP functions
//   (CloudWatch lets an alarm add up at most 10 metrics, so one alarm covers up to 10 functions; the function of a
//   shared group serves all routes of one need set, function-groups.cjs; the log names the route), every
//   scheduled job failing, messages in the jobs' dead-letter queue, DynamoDB throttling on the table and its indexes.
//   The topic: custom.operations.alarmTopicArn (an existing topic, e.g. shared with other services) or else one made
//   here, named custom.operations.alarmTopicName.
// - Scheduled jobs: Lambda retries a failed run twice, then sends the event to an SQS dead-letter queue; EventBridge
//   retries a failed delivery and sends what it cannot deliver to the same queue.
// - The HTTP API's default route throttling (custom.operations.throttle).
// The jobs' roles may send to the dead-letter queue (least-privilege.cjs).
'use strict';

const { httpFunctions } = require('./function-groups.cjs');
const jobs = require('../../functions/jobs.json');
const table = require('../table.json');

const MAX_METRICS_PER_ALARM = 10;
const FIVE_MINUTES = 300;
const DEAD_LETTER_QUEUE = 'JobsDeadLetterQueue';
const TOPIC = 'AlarmTopic';

const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const logicalPart = (s) => s.split(/[^A-Za-z0-9]+/).filter(Boolean).map(capital).join('');

/** The HTTP functions (function-groups.cjs) in groups of at most 10, in route-table order: Api1, Api2… */
function functionGroups() {
  const names = httpFunctions().map((f) => f.name);
  const groups = [];
  for (let i = 0; i < names.length; i += MAX_METRICS_PER_ALARM) {
    groups.push({ name: `api${groups.length + 1}`, functions: names.slice(i, i + MAX_METRICS_PER_ALARM) });
  }
  return groups;
}

function alarm(description, topic, spec) {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: description,
      AlarmActions: [topic],
      OKActions: [topic],
      TreatMissingData: 'notBreaching',
      ...spec,
    },
  };
}

/** An alarm on the sum of one Lambda metric over some functions (at most 10). */
function lambdaSumAlarm(description, topic, metric, functionIds, threshold) {
  return alarm(description, topic, {
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    Threshold: threshold,
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    Metrics: [
      ...functionIds.map((id, i) => ({
        Id: `m${i}`,
        ReturnData: false,
        MetricStat: {
          Metric: { Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }] },
          Period: FIVE_MINUTES,
          Stat: 'Sum',
        },
      })),
      { Id: 'total', Expression: `SUM([${functionIds.map((_, i) => `m${i}`).join(',')}])`, Label: `${metric} (sum)`, ReturnData: true },
    ],
  });
}

class Operations {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'before:package:finalize': () => this.apply() };
  }

  apply() {
    const service = this.serverless.service;
    const settings = (service.custom && service.custom.operations) || {};
    const template = service.provider.compiledCloudFormationTemplate;
    const resources = template.Resources;
    const naming = this.serverless.getProvider('aws').naming;
    const fnId = (name) => naming.getLambdaLogicalId(name);
    const stage = service.provider.stage;

    // The topic.
    let topic;
    if (settings.alarmTopicArn) topic = settings.alarmTopicArn;
    else {
      resources[TOPIC] = { Type: 'AWS::SNS::Topic', Properties: { TopicName: settings.alarmTopicName || `lianyan-${stage}-alarms` } };
      topic = { Ref: TOPIC };
    }
    template.Outputs = { ...template.Outputs, AlarmTopicArn: { Description: 'Subscribe the on-call people here (README "Operating")', Value: topic } };

    // The API: 5xx answers over 5% of at least 20 requests in 5 minutes, twice in 15 minutes.
    resources.ApiServerErrorRateAlarm = alarm('API 5xx rate over 5% (README "Operating": API 5xx rate)', topic, {
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 5,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Metrics: [
        ...[['errors', '5xx'], ['requests', 'Count']].map(([id, metric]) => ({
          Id: id,
          ReturnData: false,
          MetricStat: {
            Metric: { Namespace: 'AWS/ApiGateway', MetricName: metric, Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }] },
            Period: FIVE_MINUTES,
            Stat: 'Sum',
          },
        })),
        { Id: 'rate', Expression: 'IF(requests >= 20, 100 * errors / requests, 0)', Label: '5xx (%)', ReturnData: true },
      ],
    });

    // Lambda errors and throttles per group of routes.
    for (const group of functionGroups()) {
      const ids = group.functions.map(fnId);
      const part = logicalPart(group.name);
      resources[`LambdaErrors${part}Alarm`] = lambdaSumAlarm(
        `Lambda errors in ${group.functions.join(', ')} (README "Operating": Lambda errors)`, topic, 'Errors', ids, 3);
      resources[`LambdaThrottles${part}Alarm`] = lambdaSumAlarm(
        `Lambda throttles in ${group.functions.join(', ')} (README "Operating": Lambda throttles)`, topic, 'Throttles', ids, 1);
    }

    // DynamoDB throttling, on the table or any of its indexes.
    const tableMetrics = [];
    for (const index of [null, ...table.GlobalSecondaryIndexes.map((g) => g.IndexName)]) {
      for (const metric of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
        tableMetrics.push({
          Id: `m${tableMetrics.length}`,
          ReturnData: false,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/DynamoDB',
              MetricName: metric,
              Dimensions: [{ Name: 'TableName', Value: { Ref: 'Table' } }, ...(index ? [{ Name: 'GlobalSecondaryIndexName', Value: index }] : [])],
            },
            Period: FIVE_MINUTES,
            Stat: 'Sum',
          },
        });
      }
    }
    resources.TableThrottleAlarm = alarm('DynamoDB throttled requests on the table or an index (README "Operating": DynamoDB throttles)', topic, {
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Metrics: [...tableMetrics, { Id: 'total', Expression: `SUM([${tableMetrics.map((m) => m.Id).join(',')}])`, Label: 'Throttle events', ReturnData: true }],
    });

    // Scheduled jobs: retries, a dead-letter queue, an alarm per job and one on the queue.
    resources[DEAD_LETTER_QUEUE] = {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: `lianyan-${stage}-jobs-dead-letter`, MessageRetentionPeriod: 1_209_600, SqsManagedSseEnabled: true },
    };
    const queueArn = { 'Fn::GetAtt': [DEAD_LETTER_QUEUE, 'Arn'] };
    const rules = [];
    for (const job of jobs) {
      const id = fnId(job.name);
      const fn = resources[id];
      fn.Properties.DeadLetterConfig = { TargetArn: queueArn };
      resources[`${id.replace(/LambdaFunction$/, '')}EventInvokeConfig`] = {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: { FunctionName: { Ref: id }, Qualifier: '$LATEST', MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
      };
      for (const [ruleId, rule] of Object.entries(resources)) {
        if (rule.Type !== 'AWS::Events::Rule') continue;
        for (const target of rule.Properties.Targets || []) {
          if (JSON.stringify(target.Arn) !== JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] })) continue;
          target.RetryPolicy = { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 3600 };
          target.DeadLetterConfig = { Arn: queueArn };
          rules.push(ruleId);
        }
      }
      resources[`Job${capital(job.name)}FailingAlarm`] = alarm(`Scheduled job ${job.name} failed (README "Operating": a scheduled job failing)`, topic, {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }],
        Statistic: 'Sum',
        Period: FIVE_MINUTES,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
        EvaluationPeriods: 1,
      });
    }
    resources.JobsDeadLetterQueuePolicy = {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: DEAD_LETTER_QUEUE }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: queueArn,
              Condition: { ArnEquals: { 'aws:SourceArn': rules.map((r) => ({ 'Fn::GetAtt': [r, 'Arn'] })) } },
            },
          ],
        },
      },
    };
    resources.JobsDeadLetterAlarm = alarm('Scheduled job events in the dead-letter queue (README "Operating": dead letters)', topic, {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [DEAD_LETTER_QUEUE, 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: FIVE_MINUTES,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 1,
    });
    template.Outputs.JobsDeadLetterQueueUrl = { Value: { Ref: DEAD_LETTER_QUEUE } };

    // The HTTP API: default route throttling.
    const throttle = settings.throttle || {};
    const stageResource = resources.HttpApiStage;
    stageResource.Properties.DefaultRouteSettings = {
      ...stageResource.Properties.DefaultRouteSettings,
      ThrottlingRateLimit: Number(throttle.rate),
      ThrottlingBurstLimit: Number(throttle.burst),
    };
  }
}

module.exports = Operations;
module.exports.functionGroups = functionGroups;
