import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.ts';

const base = { STAGE: 'dev', TABLE_NAME: 'lianyan-dev', JWT_SECRET_PARAMETER: '/lianyan/dev/jwt-secret', QR_SECRET_PARAMETER: '/lianyan/dev/qr-secret' };

describe('loadConfig', () => {
  it('reads a valid environment with defaults', () => {
    const config = loadConfig({ ...base, CORS_ORIGINS: 'https://a.cn, https://b.cn' });
    expect(config).toMatchObject({ stage: 'dev', isLocal: false, tableName: 'lianyan-dev', corsOrigins: ['https://a.cn', 'https://b.cn'] });
    expect(config.jwt.accessTtlSeconds).toBe(1800);
    expect(config.wechat.apiBase).toBe('https://api.weixin.qq.com');
  });

  it('fails fast, naming what is missing', () => {
    expect(() => loadConfig({ STAGE: 'dev' })).toThrow(/TABLE_NAME/);
    expect(() => loadConfig({ STAGE: 'dev', TABLE_NAME: 't' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ ...base, JWT_SECRET: 'short', JWT_SECRET_PARAMETER: undefined })).toThrow(/JWT_SECRET/);
  });
});
