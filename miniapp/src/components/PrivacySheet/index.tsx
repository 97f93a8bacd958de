import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { LEGAL_VERSION } from '@lianyan/shared';
import { AGREE_BUTTON_ID, openPlatformContract } from '../../platform/privacy';
import { recordConsent } from '../../services/privacy';
import { getCachedUser } from '../../services/session';
import { errorMessage } from '../../utils/labels';
import { answerPrivacy, onPrivacyAsk, type PrivacyAsk } from './store';
import './index.scss';

export const LEGAL_PAGE = '/packages/auth/legal/index';

/**
 * The privacy sheet: what the interface is for, links to our 隐私政策 / 用户协议 (and WeChat's 隐私保护指引),
 * 同意 (open-type agreePrivacyAuthorization on WeChat; records our consent) and 暂不同意 (with the way on).
 * Put one on every page that calls a privacy interface.
 */
export function PrivacySheet() {
  const [ask, setAsk] = useState<PrivacyAsk | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => onPrivacyAsk(setAsk), []);
  if (!ask) return null;

  const agree = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      if (getCachedUser()) await recordConsent();
      answerPrivacy(true);
    } catch (e) {
      setError(errorMessage(e, '记录同意失败，请检查网络后重试'));
    } finally {
      setBusy(false);
    }
  };
  const refuse = () => {
    setError('');
    answerPrivacy(false);
  };

  return (
    <View className='privacy-sheet' data-testid='privacy-sheet' catchMove>
      <View className='privacy-sheet__panel'>
        <Text className='privacy-sheet__title'>隐私保护提示</Text>
        <Text className='privacy-sheet__text'>{ask.purpose}</Text>
        <Text className='privacy-sheet__text'>
          使用前请阅读并同意
          <Text className='privacy-sheet__link' data-testid='privacy-open-policy' onClick={() => void Taro.navigateTo({ url: `${LEGAL_PAGE}?doc=privacy` })}>
            《隐私政策》
          </Text>
          和
          <Text className='privacy-sheet__link' onClick={() => void Taro.navigateTo({ url: `${LEGAL_PAGE}?doc=terms` })}>
            《用户协议》
          </Text>
          {openPlatformContract ? (
            <Text className='privacy-sheet__link' onClick={() => void openPlatformContract?.()}>
              《小程序隐私保护指引》
            </Text>
          ) : null}
          （版本 {LEGAL_VERSION}）。
        </Text>
        <Text className='privacy-sheet__hint'>不同意也可以：{ask.wayOn}</Text>
        {error ? <Text className='error-text'>{error}</Text> : null}
        <Button
          className={`btn${busy ? ' btn--disabled' : ''}`}
          id={AGREE_BUTTON_ID}
          data-testid='privacy-agree'
          openType={process.env.TARO_ENV === 'weapp' ? 'agreePrivacyAuthorization' : undefined}
          onAgreePrivacyAuthorization={() => void agree()}
          onClick={process.env.TARO_ENV === 'weapp' ? undefined : () => void agree()}
        >
          {busy ? '正在记录…' : '同意并继续'}
        </Button>
        <Button className='btn btn--secondary' data-testid='privacy-refuse' onClick={refuse}>
          暂不同意
        </Button>
      </View>
    </View>
  );
}
