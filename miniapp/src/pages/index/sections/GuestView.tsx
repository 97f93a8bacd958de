import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { appConfig } from '@/config';
import { platformLogin } from '@/platform/login';
import { errorMessage } from '@/utils/labels';

type LoginState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; message: string };

let autoSignInTried = false;

export function GuestView() {
  const [state, setState] = useState<LoginState>({ kind: 'idle' });
  const mounted = useRef(true);

  const signIn = useCallback(async () => {
    if (!platformLogin) return;
    setState({ kind: 'busy' });
    try {
      await platformLogin.signIn();
    } catch (error) {
      if (mounted.current) setState({ kind: 'failed', message: errorMessage(error, '登录失败，请重试') });
    }
  }, []);

  // Sign in silently once per launch; after a sign-out the user chooses when to come back.
  useEffect(() => {
    mounted.current = true;
    if (!autoSignInTried && platformLogin) {
      autoSignInTried = true;
      void signIn();
    }
    return () => {
      mounted.current = false;
    };
  }, [signIn]);

  const openDevLogin = () => {
    void Taro.navigateTo({ url: '/packages/auth/dev-login/index' });
  };

  return (
    <View className='guest' data-testid='guest'>
      <Text className='guest__brand'>联研</Text>
      <Text className='guest__tagline'>校联体教研签到与成长档案</Text>
      {state.kind === 'busy' ? <Text className='guest__status'>正在登录…</Text> : null}
      {state.kind === 'failed' ? <Text className='guest__error'>{state.message}</Text> : null}
      {platformLogin ? (
        <Button
          className={`btn${state.kind === 'busy' ? ' btn--disabled' : ''}`}
          onClick={() => {
            if (state.kind !== 'busy') void signIn();
          }}
        >
          {platformLogin.label}
        </Button>
      ) : null}
      {appConfig.devLoginEnabled ? (
        <Button className='btn btn--secondary' data-testid='dev-login-entry' onClick={openDevLogin}>
          开发登录
        </Button>
      ) : null}
      {!platformLogin && !appConfig.devLoginEnabled ? (
        <Text className='guest__status'>请在微信或钉钉中打开「联研」小程序登录</Text>
      ) : null}
    </View>
  );
}
