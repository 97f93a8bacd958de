import { hasRole, type Role, type RoleGrant } from '@lianyan/shared';
import type { NavItem } from '../../components/BottomNav';

export type SectionKey = 'home' | 'signIn' | 'checkIn' | 'archive' | 'family' | 'admin' | 'mine';

export const SECTION_LABELS: Record<SectionKey, string> = {
  home: '首页',
  signIn: '签到',
  checkIn: '打卡',
  archive: '档案',
  family: '家庭教育',
  admin: '管理',
  mine: '我的',
};

export const ADMIN_ROLES: readonly Role[] = ['schoolAdmin', 'federationAdmin', 'districtAdmin', 'organizer'];

/** Bottom-nav sections a user sees, in display order, from the roles they hold. */
export function sectionsFor(roles: readonly RoleGrant[]): NavItem<SectionKey>[] {
  const teacher = hasRole(roles, ['teacher']);
  const parent = hasRole(roles, ['parent']);
  const admin = hasRole(roles, ADMIN_ROLES);
  const keys: SectionKey[] = [];
  if (teacher || admin || roles.length === 0) keys.push('home');
  if (teacher) keys.push('signIn', 'checkIn', 'archive');
  if (parent) keys.push('family');
  if (parent && !teacher) keys.push('checkIn');
  if (admin) keys.push('admin');
  keys.push('mine');
  return keys.map((key) => ({ key, label: SECTION_LABELS[key] }));
}
