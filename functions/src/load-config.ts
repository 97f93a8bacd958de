import * as z from 'zod/mini';

// The environment's schema: parsed once at cold start by config.ts, failing fast when something is missing.
const csv = z.pipe(
  z._default(z.string(), ''),
  z.transform((v: string) => v.split(',').map((s) => s.trim()).filter(Boolean)),
);
const opt = <T extends z.ZodMiniType>(t: T) => z.optional(t);
const def = <T extends z.ZodMiniType>(t: T, v: z.infer<T>) => z._default(t, v as never);
const param = z.string().check(z.startsWith('/'));

const EnvSchema = z
  .object({
    STAGE: z.string().check(z.regex(/^[a-z0-9-]+$/)),
    TABLE_NAME: z.string().check(z.minLength(1)),
    AWS_REGION: def(z.string(), 'cn-north-1'),
    DYNAMODB_ENDPOINT: opt(z.url()),
    JWT_SECRET: opt(z.string().check(z.minLength(32))),
    JWT_SECRET_PARAMETER: opt(param),
    JWT_ACCESS_TTL_SECONDS: def(z.coerce.number().check(z.int(), z.positive()), 1800),
    JWT_REFRESH_TTL_SECONDS: def(z.coerce.number().check(z.int(), z.positive()), 30 * 24 * 3600),
    WECHAT_APP_ID: def(z.string(), ''),
    WECHAT_APP_SECRET: opt(z.string()),
    WECHAT_APP_SECRET_PARAMETER: opt(param),
    WECHAT_API_BASE: def(z.url(), 'https://api.weixin.qq.com'),
    WECHAT_REMINDER_TEMPLATE_ID: def(z.string(), ''),
    WECHAT_CHECKIN_TEMPLATE_ID: def(z.string(), ''),
    DINGTALK_APP_KEY: def(z.string(), ''),
    DINGTALK_APP_SECRET: opt(z.string()),
    DINGTALK_APP_SECRET_PARAMETER: opt(param),
    DINGTALK_API_BASE: def(z.url(), 'https://oapi.dingtalk.com'),
    // The app's AgentId for work notices (工作通知): reminders to DingTalk users; empty: none sent.
    DINGTALK_AGENT_ID: def(z.string(), ''),
    QR_SECRET: opt(z.string().check(z.minLength(32))),
    QR_SECRET_PARAMETER: opt(param),
    PUBLIC_BASE_URL: opt(z.url()),
    QR_CLOCK_MARGIN_SECONDS: def(z.coerce.number().check(z.int(), z.gte(0), z.lte(60)), 5),
    REPLAY_LIMIT_HOURS: def(z.coerce.number().check(z.positive(), z.lte(168)), 24),
    SESSION_CACHE_SECONDS: def(z.coerce.number().check(z.gte(0), z.lte(60)), 5),
    SIGN_IN_FAILURE_LIMIT: def(z.coerce.number().check(z.int(), z.positive()), 10),
    // A published session closes itself this long after its end (absences written as a manual close does).
    AUTO_CLOSE_AFTER_MINUTES: def(z.coerce.number().check(z.int(), z.gte(0), z.lte(7 * 24 * 60)), 120),
    SIGN_IN_FAILURE_WINDOW_SECONDS: def(z.coerce.number().check(z.int(), z.gte(10), z.lte(3600)), 60),
    CORS_ORIGINS: csv,
    /** Evidence files: an S3 bucket in AWS; locally a directory with links signed by UPLOADS_SECRET. */
    UPLOADS_BUCKET: opt(z.string().check(z.minLength(3))),
    UPLOADS_DIR: opt(z.string().check(z.minLength(1))),
    UPLOADS_SECRET: opt(z.string().check(z.minLength(32))),
    LOG_LEVEL: def(z.enum(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
  })
  .check(
    z.refine((env) => Boolean(env.JWT_SECRET || env.JWT_SECRET_PARAMETER), {
      message: 'JWT_SECRET or JWT_SECRET_PARAMETER must be set',
      path: ['JWT_SECRET'],
    }),
    z.refine((env) => !env.UPLOADS_DIR || Boolean(env.UPLOADS_SECRET), {
      message: 'UPLOADS_SECRET must be set with UPLOADS_DIR',
      path: ['UPLOADS_SECRET'],
    }),
    z.refine((env) => Boolean(env.QR_SECRET || env.QR_SECRET_PARAMETER), {
      message: 'QR_SECRET or QR_SECRET_PARAMETER must be set',
      path: ['QR_SECRET'],
    }),
  );

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof EnvSchema>) {
  return {
    stage: env.STAGE,
    isLocal: env.STAGE === 'local',
    tableName: env.TABLE_NAME,
    region: env.AWS_REGION,
    dynamoDbEndpoint: env.DYNAMODB_ENDPOINT,
    jwt: {
      secret: { value: env.JWT_SECRET, parameter: env.JWT_SECRET_PARAMETER },
      accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
      refreshTtlSeconds: env.JWT_REFRESH_TTL_SECONDS,
    },
    wechat: {
      appId: env.WECHAT_APP_ID,
      secret: { value: env.WECHAT_APP_SECRET, parameter: env.WECHAT_APP_SECRET_PARAMETER },
      apiBase: env.WECHAT_API_BASE,
      /** The subscribe-message template of 活动开始提醒; empty: no reminders are sent. */
      reminderTemplateId: env.WECHAT_REMINDER_TEMPLATE_ID,
      /** The subscribe-message template of 打卡提醒; empty: no check-in reminders are sent. */
      checkInTemplateId: env.WECHAT_CHECKIN_TEMPLATE_ID,
    },
    dingtalk: {
      appKey: env.DINGTALK_APP_KEY,
      secret: { value: env.DINGTALK_APP_SECRET, parameter: env.DINGTALK_APP_SECRET_PARAMETER },
      apiBase: env.DINGTALK_API_BASE,
      agentId: env.DINGTALK_AGENT_ID,
    },
    signIn: {
      qrSecret: { value: env.QR_SECRET, parameter: env.QR_SECRET_PARAMETER },
      publicBaseUrl: env.PUBLIC_BASE_URL,
      clockMarginMs: env.QR_CLOCK_MARGIN_SECONDS * 1000,
      replayLimitMs: env.REPLAY_LIMIT_HOURS * 3_600_000,
      sessionCacheMs: env.SESSION_CACHE_SECONDS * 1000,
      /** Bad QR tokens per user per window before sign-in answers 429 until the window ends. */
      failureLimit: env.SIGN_IN_FAILURE_LIMIT,
      failureWindowMs: env.SIGN_IN_FAILURE_WINDOW_SECONDS * 1000,
    },
    /** The scheduled auto-close: published sessions close this long after their end. */
    autoCloseAfterMs: env.AUTO_CLOSE_AFTER_MINUTES * 60_000,
    uploads: {
      bucket: env.UPLOADS_BUCKET,
      localDir: env.UPLOADS_DIR,
      localSecret: env.UPLOADS_SECRET,
    },
    corsOrigins: env.CORS_ORIGINS,
    logLevel: env.LOG_LEVEL,
  };
}

export function loadConfig(env: Record<string, string | undefined>) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return toConfig(parsed.data);
}
