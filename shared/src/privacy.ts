import * as z from 'zod/mini';
import { shaped } from './fields.ts';

// 隐私政策 and 用户协议 (issue 22): the texts live in shared/src/legal-texts.ts, versioned together. A change of
// either text bumps LEGAL_VERSION, and every user is asked again at their next privacy-using action.

/** The version of 隐私政策 + 用户协议 in force: the date the texts took effect. */
export const LEGAL_VERSION = '2026-12-01';

/** A person's agreement to a version of our texts, recorded on the server. */
export const Consent = z.object({
  version: z.string(),
  agreedAt: z.string(),
});
export type Consent = z.infer<typeof Consent>;

export const ConsentRequest = z.strictObject({
  version: shaped(/^\d{4}-\d{2}-\d{2}$/, '协议版本格式不正确，请刷新后重试', 10),
});
export type ConsentRequest = z.infer<typeof ConsentRequest>;

/** Whether a person must (again) be asked to agree: never agreed, or agreed to an older version. */
export const needsConsent = (user: { consent?: Consent | undefined } | null | undefined) => user?.consent?.version !== LEGAL_VERSION;

export const PRIVACY_ERROR_MESSAGES = {
  CONSENT_VERSION_OUTDATED: '隐私政策和用户协议已更新，请刷新后阅读新版本再同意',
} as const;
