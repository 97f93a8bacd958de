import { describe, expect, it } from 'vitest';
import { api, devLogin } from '../support/api.ts';

describe('HTTP basics', () => {
  it('answers /v1/health with 200', async () => {
    const res = await api('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', stage: 'local' });
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await api('GET', '/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/接口不存在/) });
  });

  it('answers a known path with the wrong method with a JSON 404', async () => {
    const res = await api('DELETE', '/v1/health');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses malformed JSON with 400 INVALID_JSON and a Chinese message', async () => {
    const res = await api('POST', '/v1/auth/dev', { rawBody: '{"account": ' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'INVALID_JSON', message: expect.stringMatching(/JSON/) });
  });

  it('refuses invalid fields with VALIDATION_FAILED and zod field errors in details', async () => {
    const res = await api<{ code: string; message: string; details: { fieldErrors: Record<string, string[]> } }>(
      'POST',
      '/v1/auth/dev',
      { body: { account: '' } },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fieldErrors.account).toEqual(['请选择演示账号']);
  });

  it('reports unknown fields in Chinese', async () => {
    const res = await api<{ details: { formErrors: string[] } }>('POST', '/v1/auth/dev', {
      body: { account: 'core-teacher-1', admin: true },
    });
    expect(res.status).toBe(400);
    expect(res.body.details.formErrors.join()).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('never leaks a stack trace or internal message', async () => {
    const { token } = await devLogin('core-teacher-1');
    const responses = await Promise.all([
      api('POST', '/v1/auth/dev', { rawBody: '[' }),
      api('GET', '/v1/federations/%00%01', { token }),
      api('POST', '/v1/invites/redeem', { token, body: { code: 123, name: { x: 1 } } }),
    ]);
    for (const res of responses) {
      expect(res.status).toBeLessThan(500);
      expect(res.text).not.toMatch(/at .*\.ts:\d+|Error:|stack/i);
    }
  });

  it('sends security headers with API responses', async () => {
    const res = await api('GET', '/v1/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a CORS preflight', async () => {
    const res = await api('OPTIONS', '/v1/me', { headers: { origin: 'http://localhost:10086', 'access-control-request-method': 'GET' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:10086');
  });
});
