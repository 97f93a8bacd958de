import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import type { FederationWithSchools, School } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { useSessionUser } from '@/hooks/useSessionUser';
import { listFederations } from '@/services/federations';
import { cancelSchoolMove } from '@/services/organization';
import { errorMessage } from '@/utils/labels';
import { FederationCard } from './FederationCard';
import { NewFederation } from './NewFederation';
import { RulesSheet } from './RulesSheet';
import { SchoolSheet } from './SchoolSheet';
import { pendingMoveText, permissions, setupGaps } from './model';
import './index.scss';

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: FederationWithSchools[] };
type Editing = { federation: FederationWithSchools; school?: School } | null;

/** 组织架构: the district's federations and their schools, the core school and where each school is. */
export default function OrganizationPage() {
  const user = useSessionUser();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [editing, setEditing] = useState<Editing>(null);
  const [rulesOf, setRulesOf] = useState<FederationWithSchools | null>(null);

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', items: (await listFederations()).items });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '组织架构加载失败，请重试') });
    }
  }, []);

  useLoad(() => {
    void load();
  });

  if (!user) {
    return (
      <View className='org-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录管理员账号后才能管理组织架构。' />
        </View>
      </View>
    );
  }
  const can = permissions(user);
  const saved = () => {
    setEditing(null);
    setRulesOf(null);
    void Taro.showToast({ title: '已保存', icon: 'success' });
    void load();
  };
  const cancelMove = async (school: School) => {
    if (!school.pendingMove || state.kind !== 'ready') return;
    const { confirm } = await Taro.showModal({
      title: '撤销校联体调整',
      content: `「${school.name}」${pendingMoveText(school.pendingMove, state.items)}。撤销后学校留在现在的校联体。`,
      confirmText: '撤销调整',
    });
    if (!confirm) return;
    try {
      await cancelSchoolMove(school.id);
      void Taro.showToast({ title: '已撤销调整', icon: 'success' });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '撤销失败，请重试'), icon: 'none' });
    }
    void load();
  };

  return (
    <View className='org-page' data-testid='org-page'>
      {state.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='无法加载组织架构' message={state.message} onRetry={() => void load()} testId='org-error' /> : null}
      {state.kind === 'ready' ? (
        <>
          <SetupStatus items={state.items} />
          {can.createFederation ? <NewFederation onCreated={() => void load()} /> : null}
          {state.items.length === 0 && !can.createFederation ? (
            <View className='card'>
              <EmptyState title='没有可管理的校联体' hint='请联系教体局管理员把你加入校联体。' />
            </View>
          ) : null}
          {state.items.map((item) => (
            <FederationCard
              key={item.federation.id}
              item={item}
              all={state.items}
              can={can}
              onAddSchool={() => setEditing({ federation: item })}
              onEditSchool={(school) => setEditing({ federation: item, school })}
              onCancelMove={(school) => void cancelMove(school)}
              onEditRules={() => setRulesOf(item)}
            />
          ))}
        </>
      ) : null}
      {editing ? (
        <SchoolSheet
          federationId={editing.federation.federation.id}
          federationName={editing.federation.federation.name}
          {...(editing.school ? { school: editing.school } : {})}
          structural={can.runsFederation(editing.federation.federation.id)}
          onDone={saved}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {rulesOf ? <RulesSheet item={rulesOf} onDone={saved} onCancel={() => setRulesOf(null)} /> : null}
    </View>
  );
}

function SetupStatus({ items }: { items: FederationWithSchools[] }) {
  const gaps = setupGaps(items);
  const schools = items.reduce((n, f) => n + f.schools.length, 0);
  return (
    <View className={`card org-status${gaps.length ? ' org-status--open' : ''}`} data-testid='org-status'>
      <Text className='card__title'>{gaps.length ? '还需完成' : '组织架构已完整'}</Text>
      <Text className='muted'>
        {items.length} 个校联体，{schools} 所学校
      </Text>
      {gaps.map((gap) => (
        <Text key={gap.key} className='org-status__gap'>
          · {gap.text}
        </Text>
      ))}
    </View>
  );
}
