// A serverless plugin, after operations.cjs: alarms on each stream consumer (functions/streams.json) to the same topic.
// - IteratorAge: the newest record a batch held was over a minute old when the function got it (the counters lag:
//   the function is failing and retrying, throttled, or too slow for the stream).
// - Errors: an invocation failed as a whole (a session's failure alone is a partial batch answer, not an error).
'use strict';

const { streams } = require('./streams.cjs');

const FIVE_MINUTES = 300;
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

class StreamAlarms {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'before:package:finalize': () => this.apply() };
  }

  apply() {
    const template = this.serverless.service.provider.compiledCloudFormationTemplate;
    const naming = this.serverless.getProvider('aws').naming;
    const topic = template.Outputs && template.Outputs.AlarmTopicArn && template.Outputs.AlarmTopicArn.Value;
    if (!topic) throw new this.serverless.classes.Error('stream-alarms.cjs runs after operations.cjs (serverless.yml plugins)');
    for (const s of streams) {
      const fn = { Name: 'FunctionName', Value: { Ref: naming.getLambdaLogicalId(s.name) } };
      const base = { AlarmActions: [topic], OKActions: [topic], TreatMissingData: 'notBreaching', Namespace: 'AWS/Lambda', Dimensions: [fn], Period: FIVE_MINUTES, EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' };
      template.Resources[`Stream${capital(s.name)}IteratorAgeAlarm`] = {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: { ...base, AlarmDescription: `${s.name} is behind the table's stream by over a minute (README "Operating": the stream aggregator lagging)`, MetricName: 'IteratorAge', Statistic: 'Maximum', Threshold: 60_000 },
      };
      template.Resources[`Stream${capital(s.name)}ErrorsAlarm`] = {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: { ...base, AlarmDescription: `${s.name} invocations failing (README "Operating": the stream aggregator lagging)`, MetricName: 'Errors', Statistic: 'Sum', Threshold: 3 },
      };
    }
  }
}

module.exports = StreamAlarms;
