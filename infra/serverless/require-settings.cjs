// A serverless plugin: `serverless package` / `deploy` of a production stage stops, before anything is built or
// sent to AWS, when a setting the functions need is empty or still the placeholder of serverless.yml.
// Throw-away stages (custom.requireSettings.<stage>: false — dev and ci) package without them.
'use strict';

const PLACEHOLDER_HOSTS = /(^|\.)example\.(cn|com|org|net)$/i;

const REQUIRED = {
  WECHAT_APP_ID: '微信小程序 AppID',
  WECHAT_REMINDER_TEMPLATE_ID: '微信订阅消息模板（活动开始提醒）',
  WECHAT_CHECKIN_TEMPLATE_ID: '微信订阅消息模板（打卡提醒）',
  DINGTALK_APP_KEY: '钉钉应用 AppKey',
};

function httpsOriginProblem(name, value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return `${name}=${JSON.stringify(value)} is not a URL`;
  }
  if (url.protocol !== 'https:') return `${name}=${value} must be https`;
  if (PLACEHOLDER_HOSTS.test(url.hostname)) return `${name}=${value} is the placeholder of serverless.yml`;
  return undefined;
}

/** What is missing or a placeholder in a function environment (empty list: ready to deploy). */
function settingProblems(environment) {
  const env = environment || {};
  const problems = [];
  for (const [name, what] of Object.entries(REQUIRED)) {
    if (typeof env[name] !== 'string' || !env[name].trim()) problems.push(`${name} (${what}) is empty`);
  }
  const base = typeof env.PUBLIC_BASE_URL === 'string' ? env.PUBLIC_BASE_URL.trim() : '';
  if (!base) problems.push('PUBLIC_BASE_URL is empty');
  else {
    const problem = httpsOriginProblem('PUBLIC_BASE_URL', base);
    if (problem) problems.push(problem);
  }
  const origins = String(env.CORS_ORIGINS || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!origins.length) problems.push('CORS_ORIGINS is empty');
  for (const origin of origins) {
    const problem = httpsOriginProblem('CORS_ORIGINS', origin);
    if (problem) problems.push(problem);
  }
  return problems;
}

class RequireSettings {
  constructor(serverless, options) {
    this.serverless = serverless;
    this.options = options || {};
    // `initialize` runs after serverless.yml is resolved and before any command's lifecycle (no build, no AWS call).
    this.hooks = { initialize: () => this.check() };
  }

  check() {
    const commands = (this.serverless.processedInput && this.serverless.processedInput.commands) || [];
    if (!['package', 'deploy'].includes(commands[0])) return;
    const service = this.serverless.service;
    const stage = this.options.stage || service.provider.stage;
    const perStage = (service.custom && service.custom.requireSettings) || {};
    if (perStage[stage] === false) return;
    const problems = settingProblems(service.provider.environment);
    if (!problems.length) return;
    throw new this.serverless.classes.Error(
      [
        `Stage ${stage} is not ready to deploy — production settings are missing (set them in the environment, see README "Deploying"):`,
        ...problems.map((p) => `  - ${p}`),
      ].join('\n'),
      'LIANYAN_SETTINGS_MISSING',
    );
  }
}

module.exports = RequireSettings;
module.exports.settingProblems = settingProblems;
