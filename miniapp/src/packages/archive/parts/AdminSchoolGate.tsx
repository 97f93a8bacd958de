import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { useAdminSchools, type AdminSchools } from './useAdminSchools';

/**
 * The states every school-admin page goes through before it has a school: signed out, loading, failed, none
 * administered. `children` renders the page once a school is chosen.
 */
export function AdminSchoolGate(props: {
  schoolId?: string | undefined;
  /** What the page is for, e.g. 审核档案, in "登录学校管理员账号后才能{purpose}". */
  purpose: string;
  noneTitle: string;
  noneHint: string;
  children: (schools: Extract<AdminSchools, { kind: 'ready' }>) => ReactNode;
}) {
  const schools = useAdminSchools(props.schoolId);
  if (schools.kind === 'loading') return <Text className='loading-text'>正在加载…</Text>;
  if (schools.kind === 'ready') return <>{props.children(schools)}</>;
  return (
    <View className='archive-page'>
      {schools.kind === 'failed' ? (
        <LoadFailed title='无法加载' message={schools.message} onRetry={schools.retry} />
      ) : (
        <View className='card'>
          {schools.kind === 'signedOut' ? (
            <EmptyState title='请先登录' hint={`登录学校管理员账号后才能${props.purpose}。`} />
          ) : (
            <EmptyState title={props.noneTitle} hint={props.noneHint} />
          )}
        </View>
      )}
    </View>
  );
}
