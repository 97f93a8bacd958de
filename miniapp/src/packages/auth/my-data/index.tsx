import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { DataExportLink, DeletionPreview } from '@lianyan/shared';
import { LoadFailed } from '@/components/LoadFailed';
import { deliverBundle } from '@/platform/record-links';
import { signOut } from '@/services/auth';
import { cancelDeletion, exportMyData, getDeletion, requestDeletion } from '@/services/privacy';
import { errorMessage } from '@/utils/labels';
import { formatDateTime } from '@/utils/time';
import { confirmed, deletionLine, retainedLines } from './model';
import '../legal/index.scss';
import './index.scss';

type Load = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; preview: DeletionPreview };
type Export = { kind: 'idle' } | { kind: 'building' } | { kind: 'failed'; message: string } | { kind: 'ready'; link: DataExportLink };

/** 我的 → 隐私与协议 → 下载我的数据 / 注销账号 (issue 22). */
export default function MyDataPage() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const refresh = async () => {
    setLoad({ kind: 'loading' });
    try {
      setLoad({ kind: 'ready', preview: await getDeletion() });
    } catch (error) {
      setLoad({ kind: 'failed', message: errorMessage(error, '加载失败，请检查网络后重试') });
    }
  };
  useEffect(() => {
    void refresh();
  }, []);

  return (
    <View className='legal-page my-data' data-testid='my-data-page'>
      <ExportCard />
      {load.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
      {load.kind === 'failed' ? <LoadFailed title='无法加载注销信息' message={load.message} onRetry={() => void refresh()} testId='my-data-error' /> : null}
      {load.kind === 'ready' ? <DeletionCard preview={load.preview} onChange={(preview) => setLoad({ kind: 'ready', preview })} /> : null}
    </View>
  );
}

function ExportCard() {
  const [state, setState] = useState<Export>({ kind: 'idle' });
  const build = async () => {
    if (state.kind === 'building') return;
    setState({ kind: 'building' });
    try {
      setState({ kind: 'ready', link: await exportMyData() });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '打包失败，请重试') });
    }
  };
  const download = async (link: DataExportLink) => {
    try {
      await deliverBundle({ ...link, size: 0, entries: [] });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '下载失败，请重试'), icon: 'none', duration: 2500 });
    }
  };
  return (
    <View className='card' data-testid='my-data-export'>
      <Text className='card__title'>下载我的数据</Text>
      <Text className='muted my-data__line'>把你的个人资料、签到记录、成长档案及证明材料、教研心得、打卡、报名和同意记录打包成一个 ZIP 文件。</Text>
      <Button className={state.kind === 'ready' ? 'btn btn--secondary' : 'btn'} data-testid='my-data-export-build' disabled={state.kind === 'building'} onClick={() => void build()}>
        {state.kind === 'building' ? '正在打包…' : state.kind === 'ready' ? '重新打包' : '生成数据副本'}
      </Button>
      {state.kind === 'failed' ? (
        <Text className='error-text' data-testid='my-data-export-error'>
          {state.message}
        </Text>
      ) : null}
      {state.kind === 'ready' ? (
        <View data-testid='my-data-export-ready'>
          <Text className='my-data__line' data-testid='my-data-export-name'>
            {state.link.fileName}（{state.link.files} 个文件，链接 {formatDateTime(state.link.expiresAt)} 前有效）
          </Text>
          <Button className='btn' data-testid='my-data-export-download' onClick={() => void download(state.link)}>
            下载
          </Button>
        </View>
      ) : null}
    </View>
  );
}

function DeletionCard({ preview, onChange }: { preview: DeletionPreview; onChange: (preview: DeletionPreview) => void }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const line = deletionLine(preview, new Date());
  const kept = retainedLines(preview);

  const submit = async () => {
    if (busy || !confirmed(typed)) return;
    const { confirm } = await Taro.showModal({ title: '确认注销账号', content: `提交后 ${preview.coolingOffDays} 天内可撤销，期满后无法恢复。确定注销吗？`, confirmText: '注销' });
    if (!confirm) return;
    setBusy(true);
    setError('');
    try {
      onChange(await requestDeletion(typed.trim()));
      setTyped('');
    } catch (e) {
      setError(errorMessage(e, '提交失败，请重试'));
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await cancelDeletion();
      const { pending: _cancelled, ...rest } = preview;
      onChange(rest);
      void Taro.showToast({ title: '已撤销注销', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e, '撤销失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' data-testid='my-data-deletion' data-pending={line.pending ? 'yes' : 'no'}>
      <Text className='card__title'>注销账号</Text>
      <Text className={line.pending ? 'my-data__pending' : 'muted my-data__line'} data-testid='my-data-deletion-state'>
        {line.text}
      </Text>
      <Text className='my-data__heading'>将删除</Text>
      {preview.erased.map((text) => (
        <Text key={text} className='my-data__item'>
          · {text}
        </Text>
      ))}
      <Text className='my-data__heading'>学校须保留（不含你的姓名）</Text>
      {preview.kept.map((text) => (
        <Text key={text} className='my-data__item' data-testid='my-data-kept'>
          · {text}
        </Text>
      ))}
      {kept.length ? (
        <View data-testid='my-data-retained'>
          <Text className='my-data__heading'>保留的档案记录</Text>
          {kept.map((text) => (
            <Text key={text} className='my-data__item'>
              · {text}
            </Text>
          ))}
        </View>
      ) : null}
      {preview.children.length ? <Text className='my-data__item'>· 解除绑定：{preview.children.map((c) => c.name).join('、')}</Text> : null}
      {line.pending ? (
        <View className='my-data__actions'>
          <Button className='btn' data-testid='my-data-deletion-cancel' disabled={busy} onClick={() => void cancel()}>
            撤销注销
          </Button>
          <Button className='btn btn--secondary' data-testid='my-data-sign-out' onClick={() => { signOut(); void Taro.reLaunch({ url: '/pages/index/index' }); }}>
            退出登录
          </Button>
        </View>
      ) : (
        <View className='my-data__actions'>
          <Text className='field__label'>请输入“{preview.confirmation}”确认</Text>
          <Input className='field__input' data-testid='my-data-deletion-confirm' value={typed} maxlength={10} placeholder={preview.confirmation} onInput={(event) => setTyped(event.detail.value)} />
          <Button className={`btn btn--danger${confirmed(typed) ? '' : ' btn--disabled'}`} data-testid='my-data-deletion-submit' disabled={busy || !confirmed(typed)} onClick={() => void submit()}>
            {busy ? '正在提交…' : '申请注销'}
          </Button>
        </View>
      )}
      {error ? (
        <Text className='error-text' data-testid='my-data-deletion-error'>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
