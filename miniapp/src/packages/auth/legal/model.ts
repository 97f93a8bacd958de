import { LEGAL_VERSION, needsConsent, PRIVACY_POLICY, USER_AGREEMENT, type Consent, type LegalText } from '@lianyan/shared';
import { formatDateTime } from '@/utils/time';

export const LEGAL_DOCS: readonly LegalText[] = [PRIVACY_POLICY, USER_AGREEMENT];

/** The document asked for in the address (`?doc=terms`), else 隐私政策. */
export const docOf = (key: string | undefined): LegalText => LEGAL_DOCS.find((d) => d.key === key) ?? PRIVACY_POLICY;

/** What the page says about the person's agreement: none, an older version, or this one and when. */
export function consentLine(user: { consent?: Consent | undefined } | null): { text: string; current: boolean } {
  if (!user) return { text: '登录后可以在这里同意并查看同意记录。', current: false };
  if (!user.consent) return { text: `你还没有同意当前版本（${LEGAL_VERSION}）。`, current: false };
  if (needsConsent(user)) return { text: `你同意过 ${user.consent.version} 版，隐私政策已更新到 ${LEGAL_VERSION}，请阅读后重新同意。`, current: false };
  return { text: `你已于 ${formatDateTime(user.consent.agreedAt)} 同意当前版本（${LEGAL_VERSION}）。`, current: true };
}
