import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { ROLE_LABELS, ROLES, type DevAccount, type Role } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { listDevAccounts, signInWithDevAccount } from '@/services/auth';
import { ApiError } from '@/services/request';
import { errorMessage, scopeLabel } from '@/utils/labels';
import { safeReturnPath } from '@/utils/links';
import './index.scss';
import { LoadFailed } from '@/components/LoadFailed';
import { NewAccount } from './NewAccount';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; accounts: DevAccount[] };

interface AccountGroup {
  label: string;
  accounts: DevAccount[];
}

const NO_ROLE_LABEL = '未绑定身份';

/** One group per account, under its first role, so each account button (and test id) appears once. */
function groupByRole(accounts: readonly DevAccount[]): AccountGroup[] {
  const byRole = new Map<Role | null, DevAccount[]>();
  for (const account of accounts) {
    const primary = ROLES.find((role) => account.roles.some((grant) => grant.role === role)) ?? null;
    byRole.set(primary, [...(byRole.get(primary) ?? []), account]);
  }
  const order: Array<Role | null> = [...ROLES, null];
  return order.flatMap((role) => {
    const members = byRole.get(role);
    return members ? [{ label: role ? ROLE_LABELS[role] : NO_ROLE_LABEL, accounts: members }] : [];
  });
}

function loadErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'NOT_FOUND') return '开发登录仅在本地环境（npm start）可用';
  return errorMessage(error, '演示账号加载失败，请重试');
}

export default function DevLogin() {
  const { params } = useRouter();
  // A page that needed a login (a scanned sign-in code) asks to come back to it.
  const returnTo = safeReturnPath(params.redirect) ?? '/pages/index/index';
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [busyAccount, setBusyAccount] = useState<string | null>(null);

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', accounts: await listDevAccounts() });
    } catch (error) {
      setState({ kind: 'failed', message: loadErrorMessage(error) });
    }
  }, []);

  useLoad(() => {
    void load();
  });

  const choose = async (account: DevAccount) => {
    if (busyAccount) return;
    setBusyAccount(account.account);
    try {
      await signInWithDevAccount(account.account);
      await Taro.reLaunch({ url: returnTo });
    } catch {
      setBusyAccount(null);
    }
  };

  return (
    <View className='dev-login' data-testid='dev-login'>
      <View className='dev-login__intro'>
        <Text className='dev-login__title'>选择演示账号</Text>
        <Text className='muted'>仅用于本地开发与测试，正式环境请使用微信或钉钉登录。</Text>
      </View>

      {state.kind === 'loading' ? (
        <View className='card' data-testid='dev-login-loading'>
          <Text className='muted'>正在加载演示账号…</Text>
        </View>
      ) : null}

      {state.kind === 'failed' ? (
        <LoadFailed title='无法加载演示账号' message={state.message} onRetry={() => void load()} testId='dev-login-error' />
      ) : null}

      {state.kind === 'ready' && state.accounts.length === 0 ? (
        <View className='card' data-testid='dev-login-empty'>
          <EmptyState
            title='暂无演示账号'
            hint='空白数据（SEED=none）没有演示账号：在下面新建本地账号；要演示数据请不带 SEED=none 运行 npm start。'
            action={
              <Button className='btn btn--secondary' onClick={() => void load()}>
                刷新
              </Button>
            }
          />
        </View>
      ) : null}

      {state.kind === 'ready'
        ? groupByRole(state.accounts).map((group) => (
            <View key={group.label}>
              <Text className='section-title'>{group.label}</Text>
              {group.accounts.map((account) => (
                <View
                  key={account.account}
                  className={`account card${busyAccount === account.account ? ' account--busy' : ''}`}
                  hoverClass='account--pressed'
                  data-testid={`dev-account-${account.account}`}
                  onClick={() => void choose(account)}
                >
                  <View className='account__main'>
                    <Text className='account__name'>{account.name}</Text>
                    <Text className='account__roles'>
                      {account.roles.length > 0
                        ? account.roles.map((g) => `${ROLE_LABELS[g.role]} · ${scopeLabel(g.scope)}`).join('，')
                        : NO_ROLE_LABEL}
                    </Text>
                  </View>
                  <Text className='account__action'>
                    {busyAccount === account.account ? '登录中…' : '登录'}
                  </Text>
                </View>
              ))}
            </View>
          ))
        : null}

      {state.kind === 'ready' ? <NewAccount /> : null}
    </View>
  );
}
