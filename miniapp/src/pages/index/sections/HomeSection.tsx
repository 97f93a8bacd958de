import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { hasRole, needsConsent, type MySessions, type User } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { phoneLogin } from '@/platform/phone-login';
import { guardPrivacy } from '@/platform/privacy';
import { getCachedUser } from '@/services/session';
import { listMySessions } from '@/services/sessions';
import { errorMessage } from '@/utils/labels';
import { SECTION_LABELS, sectionsFor, type SectionKey } from '../navigation';
import { SessionRow } from './SignInSection';
import { SetupStatusCard } from './SetupStatusCard';

const TILE_HINTS: Partial<Record<SectionKey, string>> = {
  signIn: '扫码签到、签退',
  checkIn: '读书打卡、师德学习',
  archive: '学时与成长记录',
  family: '讲座与家长学校',
  admin: '活动、档案与邀请码',
};

interface HomeSectionProps {
  user: User;
  onNavigate: (key: SectionKey) => void;
}

export function HomeSection({ user, onNavigate }: HomeSectionProps) {
  if (user.roles.length === 0) return <BindPrompt />;
  const tiles = sectionsFor(user.roles).filter((s) => s.key !== 'home' && s.key !== 'mine');
  const districtAdmin = user.roles.some((g) => g.role === 'districtAdmin');
  // 听课: any teacher, leader or admin of a federation (not parents).
  const observes = user.roles.some((g) => g.role !== 'parent');
  return (
    <View>
      {districtAdmin ? <SetupStatusCard /> : null}
      <View className='tiles'>
        {tiles.map((tile) => (
          <View key={tile.key} className='tile' hoverClass='tile--pressed' onClick={() => onNavigate(tile.key)}>
            <Text className='tile__name'>{SECTION_LABELS[tile.key]}</Text>
            <Text className='tile__hint'>{TILE_HINTS[tile.key]}</Text>
          </View>
        ))}
        {observes ? (
          <View className='tile' hoverClass='tile--pressed' data-testid='home-observe' onClick={() => void Taro.navigateTo({ url: '/packages/observe/new/index' })}>
            <Text className='tile__name'>听课</Text>
            <Text className='tile__hint'>推门听课，量表评课</Text>
          </View>
        ) : null}
      </View>
      <Text className='section-title'>近期活动</Text>
      <UpcomingSessions onMore={() => onNavigate('signIn')} onManage={tiles.some((t) => t.key === 'admin') && !hasRole(user.roles, ['teacher']) ? () => onNavigate('admin') : undefined} />
    </View>
  );
}

/** The next three sessions meant for me, from 我的活动. */
/** `onManage`: for an administrator who attends none, where the federation's sessions are (not 扫码签到). */
function UpcomingSessions({ onMore, onManage }: { onMore: () => void; onManage?: (() => void) | undefined }) {
  const [state, setState] = useState<{ data?: MySessions; failed?: boolean }>({});
  useEffect(() => {
    let live = true;
    listMySessions().then(
      (data) => live && setState({ data }),
      () => live && setState({ failed: true }),
    );
    return () => {
      live = false;
    };
  }, []);
  if (state.failed) {
    return (
      <View className='card'>
        <EmptyState title='活动加载失败' hint='请检查网络后下拉刷新或稍后再试。' />
      </View>
    );
  }
  if (!state.data) {
    return (
      <View className='card'>
        <Text className='loading-text'>正在加载活动…</Text>
      </View>
    );
  }
  const next = state.data.upcoming.slice(0, 3);
  if (next.length === 0 && onManage) {
    return (
      <View className='card' data-testid='home-upcoming-admin'>
        <EmptyState title='没有需要你参加的活动' hint='校联体的全部活动在「管理」中查看、发布和统计。' />
        <Button className='btn btn--secondary btn--small' onClick={onManage}>
          前往管理
        </Button>
      </View>
    );
  }
  if (next.length === 0) {
    return (
      <View className='card'>
        <EmptyState title='暂无活动' hint='校联体发布教研活动后会显示在这里，到场后扫描现场二维码即可签到。' />
      </View>
    );
  }
  return (
    <View data-testid='home-upcoming'>
      {next.map((item) => (
        <SessionRow key={item.session.id} item={item} />
      ))}
      {state.data.upcoming.length > next.length ? (
        <Button className='btn btn--secondary btn--small' onClick={onMore}>
          查看全部活动
        </Button>
      ) : null}
    </View>
  );
}

const PHONE_ASK = { purpose: '手机号快捷登录会读取你的微信手机号，仅用于匹配学校教师名册。', wayOn: '输入管理员发放的 8 位邀请码同样可以绑定身份。' };

function BindPrompt() {
  const [phoneError, setPhoneError] = useState('');
  // The phone button is a privacy interface: asked first (unless already agreed), then the real button shows.
  const [phoneAllowed, setPhoneAllowed] = useState(() => !needsConsent(getCachedUser()));
  const askPhone = async () => {
    setPhoneError('');
    if (await guardPrivacy(PHONE_ASK)) setPhoneAllowed(true);
    else setPhoneError(`未同意隐私政策：${PHONE_ASK.wayOn}`);
  };
  const onPhone = async (event: { detail: { code?: string } }) => {
    if (!phoneLogin || !event.detail.code) return setPhoneError('需要授权手机号才能匹配学校名册；也可以输入邀请码');
    setPhoneError('');
    try {
      await phoneLogin.signIn(event.detail.code);
      await Taro.reLaunch({ url: '/pages/index/index' });
    } catch (error) {
      setPhoneError(errorMessage(error, '手机号登录失败，请重试或输入邀请码'));
    }
  };
  return (
    <View className='card' data-testid='bind-prompt'>
      <EmptyState
        title='还没有绑定身份'
        hint={
          phoneLogin
            ? '学校已把你登记在教师名册上：用登记的手机号一键进入。也可以向管理员索取 8 位邀请码。'
            : '请向学校或校联体管理员索取 8 位邀请码，绑定后即可使用签到、打卡和成长档案。'
        }
        action={
          <>
            {phoneLogin && phoneAllowed ? (
              <Button className='btn' openType='getPhoneNumber' onGetPhoneNumber={(e) => void onPhone(e)}>
                手机号快捷登录
              </Button>
            ) : phoneLogin ? (
              <Button className='btn' data-testid='phone-login-ask' onClick={() => void askPhone()}>
                手机号快捷登录
              </Button>
            ) : null}
            <Button
              className={phoneLogin ? 'btn btn--secondary' : 'btn'}
              onClick={() => void Taro.navigateTo({ url: '/packages/auth/bind/index' })}
            >
              输入邀请码
            </Button>
            {phoneError ? <Text className='error-text'>{phoneError}</Text> : null}
          </>
        }
      />
    </View>
  );
}
