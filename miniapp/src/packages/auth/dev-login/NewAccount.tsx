import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { NewDevAccountName } from '@lianyan/shared';
import { CharCounter, FormField } from '@/components/FormField';
import { createDevAccount } from '@/services/auth';
import { errorMessage } from '@/utils/labels';

/** An empty store (SEED=none) has no demo accounts: a new local account, then the invite page. */
export function NewAccount() {
  const [account, setAccount] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const parsed = NewDevAccountName.safeParse(account);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    setBusy(true);
    try {
      await createDevAccount(parsed.data);
      await Taro.reLaunch({ url: '/packages/auth/bind/index' });
    } catch (failure) {
      setError(errorMessage(failure, '新建账号失败，请重试'));
      setBusy(false);
    }
  };

  return (
    <View className='card' data-testid='dev-new-account'>
      <Text className='section-title'>新建本地账号</Text>
      <Text className='muted'>空白数据（SEED=none）时用它登录，再输入管理员给你的邀请码。同名账号再次输入即登录原账号。</Text>
      <FormField label='账号名' name='account' error={error}>
        <Input
          className='input'
          data-testid='dev-new-account-name'
          value={account}
          maxlength={32}
          placeholder='例如 district-it'
          onInput={(event) => setAccount(event.detail.value)}
        />
        <CharCounter value={account} max={32} testId='dev-new-account-name' />
      </FormField>
      <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='dev-new-account-submit' onClick={() => void submit()}>
        {busy ? '正在登录…' : '新建并登录'}
      </Button>
    </View>
  );
}
