// A serverless plugin: each function gets an IAM role that allows only what its handler uses, as declared once in
// the route table (functions/routes.json, `access`) and the job table (functions/jobs.json, `access`):
//   "access": { "table": "read" | "write", "uploads": "read" | "write", "secrets": ["jwt" | "qr" | "wechat" | "dingtalk"] }
// (jwt: also the key of pagination cursors, so every function that reads the table has it). Scheduled jobs may also
// send to their dead-letter queue (operations.cjs) and never share a role with an API function.
// Routes with the same needs share one function (function-groups.cjs), so its role is exact for each of its routes;
// functions with the same needs (signIn, a route with its own timeout) share one role (one role per distinct need
// set: the stack stays smaller), and the provider's catch-all role (IamRoleLambdaExecution) is removed.
// Every ARN keeps ${AWS::Partition} (China regions).
'use strict';

const jobs = require('../../functions/jobs.json');
const { httpFunctions } = require('./function-groups.cjs');
const { streamAccess, streamStatements } = require('./streams.cjs');

/** The SSM parameter behind each secret name, by the environment variable the functions read it from. */
const SECRET_PARAMETERS = {
  jwt: 'JWT_SECRET_PARAMETER',
  qr: 'QR_SECRET_PARAMETER',
  wechat: 'WECHAT_APP_SECRET_PARAMETER',
  dingtalk: 'DINGTALK_APP_SECRET_PARAMETER',
};
const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'];
// Evidence files are read through presigned GET links; writers also take uploads in (incoming/ → evidence/) and pack bundles.
const UPLOAD_PREFIXES = { read: ['evidence/'], write: ['incoming/', 'evidence/', 'bundles/'] };
const UPLOAD_ACTIONS = { read: ['s3:GetObject'], write: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] };

const DEAD_LETTER_QUEUE = 'JobsDeadLetterQueue';
const sub = (text) => ({ 'Fn::Sub': text });
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** The declared needs of every deployed function, by function name; throws on a missing or unknown declaration. */
function declaredAccess() {
  const entries = [
    // Routes of one function declare the same needs (function-groups.cjs groups them so).
    ...httpFunctions().map((f) => [f.name, f.access]),
    // A scheduled job also sends the events it failed on to the jobs' dead-letter queue (operations.cjs).
    ...jobs.map((j) => [j.name, j.access && { ...j.access, job: true }]),
    // A stream consumer (functions/streams.json, streams.cjs): like a job, plus its stream and table needs.
    ...streamAccess(),
  ];
  for (const [name, access] of entries) {
    if (!access || typeof access !== 'object') throw new Error(`${name}: no "access" in functions/routes.json or jobs.json`);
    const unknown = Object.keys(access).filter((k) => !['table', 'uploads', 'secrets', 'job', 'stream'].includes(k));
    if (unknown.length) throw new Error(`${name}: unknown access ${unknown.join(', ')}`);
    for (const k of ['table', 'uploads']) {
      // A stream consumer's table need is its own (streams.cjs): "aggregate".
      const allowed = k === 'table' && access.stream ? ['aggregate'] : ['read', 'write'];
      if (access[k] !== undefined && !allowed.includes(access[k])) throw new Error(`${name}: access.${k} must be ${allowed.map((a) => `"${a}"`).join(' or ')}`);
    }
    if (access.stream !== undefined && access.stream !== 'read') throw new Error(`${name}: access.stream must be "read"`);
    for (const s of access.secrets || []) if (!SECRET_PARAMETERS[s]) throw new Error(`${name}: unknown secret "${s}"`);
  }
  return Object.fromEntries(entries);
}

/** A stable name for one need set, e.g. RoleTableReadSecretsJwtQr (also the role's logical id). */
function roleId(access) {
  const parts = [access.job ? 'RoleJob' : 'Role'];
  if (access.stream) parts.push('Stream', capital(access.stream));
  if (access.table) parts.push('Table', capital(access.table));
  if (access.uploads) parts.push('Uploads', capital(access.uploads));
  const secrets = [...(access.secrets || [])].sort();
  if (secrets.length) parts.push('Secrets', ...secrets.map(capital));
  if (parts.length === 1) parts.push('Logs');
  return parts.join('');
}

/** The statements one need set allows (logs come per role, for its own functions' log groups). */
function statements(access, { tableName, environment }) {
  const out = [];
  if (access.stream) out.push(...streamStatements(access, tableName));
  else if (access.table) {
    const table = `arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/${tableName}`;
    out.push({ Effect: 'Allow', Action: access.table === 'write' ? [...TABLE_READ, ...TABLE_WRITE] : TABLE_READ, Resource: [sub(table)] });
    out.push({ Effect: 'Allow', Action: ['dynamodb:Query'], Resource: [sub(`${table}/index/*`)] });
  }
  if (access.uploads) {
    out.push({
      Effect: 'Allow',
      Action: UPLOAD_ACTIONS[access.uploads],
      Resource: UPLOAD_PREFIXES[access.uploads].map((p) => sub(`arn:\${AWS::Partition}:s3:::\${UploadsBucket}/${p}*`)),
    });
  }
  const secrets = [...(access.secrets || [])].sort();
  if (secrets.length) {
    out.push({
      Effect: 'Allow',
      Action: ['ssm:GetParameter'],
      Resource: secrets.map((s) => {
        const parameter = String(environment[SECRET_PARAMETERS[s]] || '');
        if (!parameter.startsWith('/')) throw new Error(`${SECRET_PARAMETERS[s]} must be an absolute SSM parameter name`);
        return sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${parameter}`);
      }),
    });
  }
  if (access.job) out.push({ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [{ 'Fn::GetAtt': [DEAD_LETTER_QUEUE, 'Arn'] }] });
  return out;
}

class LeastPrivilege {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'before:package:finalize': () => this.apply() };
  }

  apply() {
    const service = this.serverless.service;
    const template = service.provider.compiledCloudFormationTemplate;
    const naming = this.serverless.getProvider('aws').naming;
    const context = { tableName: service.custom.tableName, environment: service.provider.environment || {} };
    const access = declaredAccess();
    const roles = {};
    for (const name of service.getAllFunctions()) {
      const needs = access[name];
      if (!needs) throw new this.serverless.classes.Error(`${name}: no "access" declared in functions/routes.json or jobs.json`);
      const fn = template.Resources[naming.getLambdaLogicalId(name)];
      const id = roleId(needs);
      const role = (roles[id] ||= { needs, functions: [] });
      role.functions.push(fn.Properties.FunctionName);
      fn.Properties.Role = { 'Fn::GetAtt': [id, 'Arn'] };
      fn.DependsOn = [...new Set([...(fn.DependsOn || []).filter((d) => d !== 'IamRoleLambdaExecution'), id])];
    }
    delete template.Resources.IamRoleLambdaExecution;
    // A stream's event source mapping waits for the role its function got here (serverless named the removed one).
    for (const resource of Object.values(template.Resources)) {
      if (resource.Type !== 'AWS::Lambda::EventSourceMapping' || !Array.isArray(resource.DependsOn)) continue;
      const fnId = resource.Properties.FunctionName && resource.Properties.FunctionName['Fn::GetAtt'] && resource.Properties.FunctionName['Fn::GetAtt'][0];
      const role = fnId && template.Resources[fnId] && template.Resources[fnId].Properties.Role['Fn::GetAtt'][0];
      resource.DependsOn = [...new Set(resource.DependsOn.map((d) => (d === 'IamRoleLambdaExecution' ? role : d)).filter(Boolean))];
    }
    for (const [id, { needs, functions }] of Object.entries(roles)) {
      const logGroups = functions.map((f) => `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${f}`);
      template.Resources[id] = {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
          },
          Policies: [
            {
              PolicyName: 'least-privilege',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Action: ['logs:CreateLogStream'], Resource: logGroups.map((g) => sub(`${g}:*`)) },
                  { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: logGroups.map((g) => sub(`${g}:*:*`)) },
                  ...statements(needs, context),
                ],
              },
            },
          ],
        },
      };
    }
  }
}

module.exports = LeastPrivilege;
module.exports.roleId = roleId;
module.exports.declaredAccess = declaredAccess;
