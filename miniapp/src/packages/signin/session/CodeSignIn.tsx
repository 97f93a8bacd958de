import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Session } from '@lianyan/shared';
import { scanPageUrl } from '@/utils/links';

/** 线上活动: type the six-digit code read out in the livestream; the scan page then signs in as for a QR. */
export function CodeSignIn({ session, purpose }: { session: Session; purpose: 'in' | 'out' }) {
  const [code, setCode] = useState('');
  const label = purpose === 'in' ? '签到' : '签退';
  const ready = /^\d{6}$/.test(code);
  return (
    <View className='card code-sign-in' data-testid='code-sign-in'>
      <Text className='section-title'>输入{label}码</Text>
      <Text className='code-sign-in__hint'>线上活动请输入主持人在直播中公布的 6 位{label}码（每 5 分钟更新）。</Text>
      <Input
        className='code-sign-in__input'
        type='number'
        maxlength={6}
        value={code}
        placeholder='6 位数字'
        data-testid='code-input'
        onInput={(e) => setCode(e.detail.value.replace(/\D/g, '').slice(0, 6))}
      />
      <Button
        className='btn btn--primary'
        disabled={!ready}
        data-testid='code-submit'
        onClick={() => void Taro.navigateTo({ url: scanPageUrl({ sessionId: session.id, token: code, purpose }) })}
      >
        {label}
      </Button>
    </View>
  );
}
