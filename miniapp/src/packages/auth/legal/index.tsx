import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useSessionUser } from '@/hooks/useSessionUser';
import { openPlatformContract } from '@/platform/privacy';
import { recordConsent } from '@/services/privacy';
import { errorMessage } from '@/utils/labels';
import { consentLine, docOf, LEGAL_DOCS } from './model';
import './index.scss';

const MY_DATA_PAGE = '/packages/auth/my-data/index';

/** 我的 → 隐私与协议: our 隐私政策 and 用户协议 (the version in the repo), and the person's agreement. */
export default function LegalPage() {
  const { params } = useRouter();
  const user = useSessionUser();
  const [docKey, setDocKey] = useState(docOf(params.doc).key);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const doc = docOf(docKey);
  const line = consentLine(user);

  const agree = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await recordConsent();
    } catch (e) {
      setError(errorMessage(e, '记录同意失败，请检查网络后重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='legal-page' data-testid='legal-page'>
      <View className='legal-tabs'>
        {LEGAL_DOCS.map((d) => (
          <Text key={d.key} className={`legal-tab${d.key === doc.key ? ' legal-tab--on' : ''}`} data-testid={`legal-tab-${d.key}`} onClick={() => setDocKey(d.key)}>
            {d.key === 'privacy' ? '隐私政策' : '用户协议'}
          </Text>
        ))}
      </View>
      <View className='card legal-consent' data-testid='legal-consent' data-current={line.current ? 'yes' : 'no'}>
        <Text>{line.text}</Text>
        {user && !line.current ? (
          <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='legal-agree' onClick={() => void agree()}>
            {busy ? '正在记录…' : '同意当前版本'}
          </Button>
        ) : null}
        {error ? <Text className='error-text'>{error}</Text> : null}
      </View>
      <View className='card legal-doc' data-testid='legal-doc'>
        <Text className='legal-doc__title'>{doc.title}</Text>
        <Text className='legal-doc__version'>版本 {doc.version}</Text>
        {doc.sections.map((section) => (
          <View key={section.heading} className='legal-doc__section'>
            <Text className='legal-doc__heading'>{section.heading}</Text>
            {section.paragraphs.map((p) => (
              <Text key={p} className='legal-doc__para'>
                {p}
              </Text>
            ))}
          </View>
        ))}
      </View>
      {user ? (
        <View className='card legal-mine' data-testid='legal-mine'>
          <Button className='btn btn--secondary' data-testid='legal-my-data' onClick={() => void Taro.navigateTo({ url: MY_DATA_PAGE })}>
            下载我的数据
          </Button>
          <Button className='btn btn--secondary' data-testid='legal-delete-account' onClick={() => void Taro.navigateTo({ url: MY_DATA_PAGE })}>
            {user.deletion ? '注销申请中（可撤销）' : '注销账号'}
          </Button>
        </View>
      ) : null}
      {openPlatformContract ? (
        <Button className='btn btn--secondary' onClick={() => void openPlatformContract?.()}>
          查看小程序隐私保护指引
        </Button>
      ) : null}
    </View>
  );
}
