import { SetupStatus } from '@lianyan/shared';
import { request } from './request';

/** 建设情况: what the district has set up, per federation (district admins). */
export function getSetupStatus(): Promise<SetupStatus> {
  return request('/v1/setup-status', SetupStatus, { silent: true });
}
