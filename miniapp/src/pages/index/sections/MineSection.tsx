import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { EXCHANGE_KIND_LABELS, needsConsent, POSITION_LABELS, ROLE_LABELS, scopeKey, type Child, type User } from '@lianyan/shared';
import { LEGAL_PAGE } from '@/components/PrivacySheet';
import { listFederations } from '@/services/federations';
import { removeChild } from '@/services/privacy';
import { signOut } from '@/services/auth';
import { errorMessage, scopeLabel } from '@/utils/labels';
import { MentorPairsCard } from './MentorPairsCard';

/** Names of the caller's federations and their schools, for the roles list (empty until loaded or when it fails). */
function usePlaceNames(): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    listFederations().then(
      ({ items }) => live && setNames(new Map(items.flatMap((f) => [[f.federation.id, f.federation.name] as const, ...f.schools.map((s) => [s.id, s.name] as const)]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return names;
}

export function MineSection({ user }: { user: User }) {
  const names = usePlaceNames();
  const confirmSignOut = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定要退出当前账号吗？' });
    if (confirm) signOut();
  };

  return (
    <View data-testid='section-mine'>
      <View className='card profile'>
        <Text className='profile__name'>{user.name}</Text>
        {user.position ? (
          <View className='profile__row'>
            <Text>职务</Text>
            <Text className='profile__value'>{POSITION_LABELS[user.position]}</Text>
          </View>
        ) : null}
        {user.subject ? (
          <View className='profile__row'>
            <Text>学科</Text>
            <Text className='profile__value'>{user.subject}</Text>
          </View>
        ) : null}
      </View>
      <Text className='section-title'>我的身份</Text>
      <View className='card profile'>
        {user.roles.length === 0 ? <Text className='muted'>尚未绑定身份</Text> : null}
        {user.roles.map((grant) => (
          <View key={`${grant.role}@${scopeKey(grant.scope)}`} className='profile__row'>
            <Text>{ROLE_LABELS[grant.role]}</Text>
            <Text className='profile__value'>{scopeLabel(grant.scope, names)}</Text>
          </View>
        ))}
      </View>
      {user.exchange ? (
        <View>
          <Text className='section-title'>交流轮岗</Text>
          <View className='card profile' data-testid='mine-exchange'>
            <View className='profile__row'>
              <Text>{EXCHANGE_KIND_LABELS[user.exchange.kind]}</Text>
              <Text className='profile__value'>{user.exchange.toSchoolName ?? '接收学校'}</Text>
            </View>
            <View className='profile__row'>
              <Text>时间</Text>
              <Text className='profile__value'>
                {user.exchange.startDate} 至 {user.exchange.endDate}
              </Text>
            </View>
          </View>
        </View>
      ) : null}
      {user.children?.length ? (
        <View>
          <Text className='section-title'>我的孩子</Text>
          <View className='card profile' data-testid='mine-children'>
            {user.children.map((child) => (
              <ChildRow key={child.id} child={child} />
            ))}
          </View>
        </View>
      ) : null}
      {user.roles.some((g) => g.role === 'teacher') ? <MentorPairsCard /> : null}
      <Text className='section-title'>隐私</Text>
      <View className='card profile'>
        <View className='profile__row' data-testid='mine-legal' onClick={() => void Taro.navigateTo({ url: LEGAL_PAGE })}>
          <Text>隐私与协议</Text>
          <Text className='profile__value'>{needsConsent(user) ? '未同意当前版本' : `已同意 ${user.consent?.version ?? ''}`} ›</Text>
        </View>
      </View>
      <View className='actions'>
        {user.roles.some((g) => g.role === 'teacher') ? (
          <Button className='btn btn--secondary' data-testid='mine-groups' onClick={() => void Taro.navigateTo({ url: '/packages/admin/groups/index' })}>
            中心教研组
          </Button>
        ) : null}
        <Button className='btn btn--secondary' onClick={() => void Taro.navigateTo({ url: '/packages/auth/bind/index' })}>
          绑定邀请码
        </Button>
        <Button className='btn btn--secondary' data-testid='mine-bind-child' onClick={() => void Taro.navigateTo({ url: '/packages/family/bind/index' })}>
          家长绑定孩子
        </Button>
        <Button className='btn btn--danger' data-testid='sign-out' onClick={() => void confirmSignOut()}>
          退出登录
        </Button>
      </View>
    </View>
  );
}

/** A bound child, and the parent's way to remove them (a second tap confirms). */
function ChildRow({ child }: { child: Child }) {
  const [state, setState] = useState<'idle' | 'confirm' | 'busy'>('idle');
  const [error, setError] = useState('');
  const remove = async () => {
    if (state === 'idle') return setState('confirm');
    if (state === 'busy') return;
    setState('busy');
    setError('');
    try {
      await removeChild(child.id);
      void Taro.showToast({ title: '已解除绑定', icon: 'none' });
    } catch (e) {
      setState('confirm');
      setError(errorMessage(e, '解除绑定失败，请稍后重试'));
    }
  };
  return (
    <View className='profile__row' data-testid={`mine-child-${child.id}`}>
      <Text>{child.name}</Text>
      <Text className='profile__value'>
        {child.schoolName ?? ''} {child.className}
      </Text>
      <Text className={state === 'idle' ? 'muted' : 'error-text'} data-testid={`mine-child-remove-${child.id}`} onClick={() => void remove()}>
        {state === 'idle' ? '解除绑定' : state === 'busy' ? '正在解除…' : '确认解除？'}
      </Text>
      {error ? <Text className='error-text'>{error}</Text> : null}
    </View>
  );
}
