import * as z from 'zod/mini';
import {
  CAMPAIGN_PERIODS,
  Evidence,
  type Campaign,
  type CampaignCompletion,
  type CampaignFeed,
  type CampaignInput,
  type CampaignList,
  type CampaignProgress,
  type CheckInRequest,
  type CheckInResult,
} from '@lianyan/shared';
import { request } from './request';

// shared/ types these answers without schemas: check the fields the pages rely on, keep the rest as sent.
function conforms<T>(shape: z.ZodMiniType): z.ZodMiniType<T> {
  return z.custom<T>((value) => shape.safeParse(value).success);
}

const CampaignShape = z.looseObject({
  id: z.string(),
  title: z.string(),
  period: z.enum(CAMPAIGN_PERIODS),
  requiredCount: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  minTextLength: z.number(),
  minPhotos: z.number(),
  makeupAllowance: z.number(),
});
const CheckInShape = z.looseObject({ period: z.string(), periodLabel: z.string(), displayName: z.string(), mine: z.boolean(), text: z.string(), photos: z.array(Evidence), makeup: z.boolean(), createdAt: z.string() });
const ProgressShape = z.looseObject({
  campaign: CampaignShape,
  status: z.enum(['upcoming', 'running', 'ended']),
  count: z.number(),
  required: z.number(),
  streak: z.number(),
  makeupsLeft: z.number(),
  canMakeUp: z.array(z.string()),
  calendar: z.array(z.looseObject({ period: z.string(), label: z.string(), state: z.string() })),
  checkIns: z.array(CheckInShape),
});

const CampaignResponse = conforms<Campaign>(CampaignShape);
const ListResponse = conforms<CampaignList>(
  z.looseObject({ mine: z.array(z.looseObject({ campaign: CampaignShape, status: z.string(), count: z.number(), streak: z.number() })), managed: z.array(CampaignShape) }),
);
const ProgressResponse = conforms<CampaignProgress>(ProgressShape);
const CheckInResponse = conforms<CheckInResult>(z.looseObject({ checkIn: CheckInShape, progress: ProgressShape }));
const FeedResponse = conforms<CampaignFeed>(z.looseObject({ schoolId: z.string(), items: z.array(CheckInShape), nextCursor: z.optional(z.string()) }));
const CompletionResponse = conforms<CampaignCompletion>(
  z.looseObject({
    campaign: CampaignShape,
    period: z.looseObject({ period: z.string(), label: z.string() }),
    schools: z.array(z.looseObject({ schoolId: z.string(), schoolName: z.string(), members: z.number(), checkedInThisPeriod: z.number() })),
    people: z.array(z.looseObject({ userId: z.string(), name: z.string(), count: z.number() })),
    missing: z.array(z.looseObject({ userId: z.string(), name: z.string() })),
  }),
);

const campaignPath = (id: string, rest: string) => `/v1/campaigns/${encodeURIComponent(id)}${rest}`;

/** 我的打卡 with this period's state, and the campaigns I manage. */
export function listCampaigns(): Promise<CampaignList> {
  return request('/v1/campaigns', ListResponse, { silent: true });
}

export function createCampaign(input: CampaignInput): Promise<Campaign> {
  return request('/v1/campaigns', CampaignResponse, { method: 'POST', data: input, silent: true });
}

export function getProgress(id: string): Promise<CampaignProgress> {
  return request(campaignPath(id, '/progress'), ProgressResponse, { silent: true });
}

/** One check-in (or, with `period`, a make-up); the same `requestId` on a retry never makes a second. */
export function checkIn(id: string, body: CheckInRequest): Promise<CheckInResult> {
  return request(campaignPath(id, '/check-ins'), CheckInResponse, { method: 'POST', data: body, silent: true });
}

export function getFeed(id: string, cursor?: string, schoolId?: string): Promise<CampaignFeed> {
  const query = [cursor ? `cursor=${encodeURIComponent(cursor)}` : '', schoolId ? `schoolId=${encodeURIComponent(schoolId)}` : ''].filter(Boolean).join('&');
  return request(campaignPath(id, `/feed${query ? `?${query}` : ''}`), FeedResponse, { silent: true });
}

export function getCompletion(id: string, period?: string): Promise<CampaignCompletion> {
  return request(campaignPath(id, `/completion${period ? `?period=${encodeURIComponent(period)}` : ''}`), CompletionResponse, { silent: true });
}

export const completionExportPath = (id: string, period: string) => campaignPath(id, `/completion?period=${encodeURIComponent(period)}&format=xlsx`);
