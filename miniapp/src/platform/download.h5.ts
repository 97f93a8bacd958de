import { appConfig } from '../config';
import { renewSession } from '../services/request';
import { getAccessToken } from '../services/session';
import type { ExportFormat } from './download';

function fetchFile(path: string): Promise<Response> {
  return fetch(`${appConfig.apiBase}${path}`, { headers: { authorization: `Bearer ${getAccessToken()}` } });
}

function filenameOf(response: Response, format: ExportFormat, name: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? `${name}.${format}`;
}

async function errorMessageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // not JSON: use the generic message
  }
  return '导出失败，请稍后重试';
}

/** Fetches an export with the login (a plain link cannot send it) and saves it through a temporary link. */
export async function downloadExport(path: string, format: ExportFormat, name: string): Promise<void> {
  let response = await fetchFile(path).catch(() => null);
  if (response?.status === 401 && (await renewSession())) response = await fetchFile(path).catch(() => null);
  if (!response) throw new Error('网络不可用，请检查网络后重试');
  if (!response.ok) throw new Error(await errorMessageOf(response));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filenameOf(response, format, name);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
