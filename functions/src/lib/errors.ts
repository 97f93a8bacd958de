import { DEFAULT_ERROR_MESSAGES, type ErrorCode } from '@lianyan/shared';

/** An error that reaches the client as `{ code, message, details }` with its HTTP status. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message?: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message ?? DEFAULT_ERROR_MESSAGES[code as keyof typeof DEFAULT_ERROR_MESSAGES] ?? code, {
      cause: options?.cause,
    });
    this.headers = options?.headers;
  }
  readonly headers: Record<string, string> | undefined;
}

export const badRequest = (code: ErrorCode, message?: string, details?: Record<string, unknown>) =>
  new AppError(400, code, message, details);
export const forbidden = (message?: string) => new AppError(403, 'FORBIDDEN', message);
export const notFound = (message?: string) => new AppError(404, 'NOT_FOUND', message);
export const conflict = (code: ErrorCode, message?: string, details?: Record<string, unknown>) =>
  new AppError(409, code, message, details);
export const serviceUnavailable = (retryAfterSeconds: number, cause?: unknown) =>
  new AppError(503, 'SERVICE_UNAVAILABLE', undefined, undefined, {
    cause,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });

const RETRYABLE_AWS_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionInProgressException',
]);
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

/** Throttling and dropped connections are worth a client retry; everything else unknown is a 500. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  if (RETRYABLE_AWS_ERRORS.has(error.name)) return true;
  if (code && RETRYABLE_NETWORK_CODES.has(code)) return true;
  return error.name === 'TimeoutError';
}
