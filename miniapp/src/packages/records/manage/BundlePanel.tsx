import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { RecordBundle } from '@lianyan/shared';
import { deliverBundle, recordLinkHints } from '@/platform/record-links';
import { getRecordBundle } from '@/services/records';
import { sizeLabel } from '@/utils/files';
import { errorMessage } from '@/utils/labels';
import { formatDateTime } from '@/utils/time';
import { bundleFolders } from '../parts/model';

type State = { kind: 'idle' } | { kind: 'building' } | { kind: 'failed'; message: string } | { kind: 'ready'; bundle: RecordBundle };

/** 下载活动档案: the whole record as one ZIP, built on request. */
export function BundlePanel({ sessionId }: { sessionId: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [delivering, setDelivering] = useState(false);

  const build = async () => {
    if (state.kind === 'building') return;
    setState({ kind: 'building' });
    try {
      setState({ kind: 'ready', bundle: await getRecordBundle(sessionId) });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '打包失败，请重试') });
    }
  };

  const deliver = async (bundle: RecordBundle) => {
    if (delivering) return;
    setDelivering(true);
    try {
      await deliverBundle(bundle);
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '下载失败，请重试'), icon: 'none', duration: 2500 });
    } finally {
      setDelivering(false);
    }
  };

  return (
    <View data-testid='records-bundle-panel'>
      <View className='card'>
        <Text className='card__title'>下载活动档案</Text>
        <Text className='muted records-line rec-spaced'>
          把本次活动的方案、日程、课件、签到表（Excel）、照片、心得和简报打包成一个 ZIP 文件，便于归档和迎检。资料较多时打包需要几秒钟。
        </Text>
        <Button className={state.kind === 'ready' ? 'btn btn--secondary' : 'btn'} data-testid='records-bundle-build' disabled={state.kind === 'building'} onClick={() => void build()}>
          {state.kind === 'building' ? '正在打包…' : state.kind === 'ready' ? '重新打包' : '生成活动档案包'}
        </Button>
        {state.kind === 'failed' ? (
          <Text className='error-text' data-testid='records-bundle-error'>
            {state.message}
          </Text>
        ) : null}
      </View>
      {state.kind === 'ready' ? (
        <View className='card' data-testid='records-bundle'>
          <Text className='rec-file__name' data-testid='records-bundle-name'>
            {state.bundle.fileName}
          </Text>
          <Text className='muted records-line' data-testid='records-bundle-size'>
            {sizeLabel(state.bundle.size)} · {state.bundle.entries.length} 个文件 · 链接 {formatDateTime(state.bundle.expiresAt)} 前有效
          </Text>
          <View className='rec-entries' data-testid='records-bundle-entries'>
            {bundleFolders(state.bundle.entries).map((group) => (
              <View key={group.folder || '-'} className='rec-entries__group'>
                {group.folder ? <Text className='rec-entries__folder'>{group.folder}</Text> : null}
                {group.names.map((name) => (
                  <Text key={name} className='rec-entries__name' data-testid='records-bundle-entry' data-entry={group.folder ? `${group.folder}/${name}` : name}>
                    {name}
                  </Text>
                ))}
              </View>
            ))}
          </View>
          <Button className='btn' data-testid='records-bundle-download' disabled={delivering} onClick={() => void deliver(state.bundle)}>
            {recordLinkHints.bundleAction}
          </Button>
          <Text className='form-field__hint'>{recordLinkHints.bundle}</Text>
        </View>
      ) : null}
    </View>
  );
}
