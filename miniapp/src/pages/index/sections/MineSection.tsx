import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { POSITION_LABELS, ROLE_LABELS, scopeKey, type User } from '@lianyan/shared';
import { signOut } from '../../../services/auth';
import { scopeLabel } from '../../../utils/labels';

export function MineSection({ user }: { user: User }) {
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
            <Text className='profile__value'>{scopeLabel(grant.scope)}</Text>
          </View>
        ))}
      </View>
      {user.children?.length ? (
        <View>
          <Text className='section-title'>我的孩子</Text>
          <View className='card profile' data-testid='mine-children'>
            {user.children.map((child) => (
              <View key={child.id} className='profile__row'>
                <Text>{child.name}</Text>
                <Text className='profile__value'>
                  {child.schoolName ?? ''} {child.className}
                </Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
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
