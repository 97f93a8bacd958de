import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { CHECKIN_PHOTOS_MAX, CHECKIN_TEXT_MAX, PERIOD_UNIT_LABELS, type CampaignFeed, type CampaignProgress, type CheckIn } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { appConfig } from '@/config';
import { evidencePlatform, type PickedFile } from '@/platform/evidence';
import { requestCheckInReminderConsent } from '@/platform/subscribe';
import { checkIn, getFeed, getProgress } from '@/services/campaigns';
import { absoluteUrl } from '@/utils/files';
import { errorMessage } from '@/utils/labels';
import { safeDecode } from '@/utils/links';
import { formatDateTime } from '@/utils/time';
import { uploadEvidence } from '../../archive/parts/upload';
import { cellLabel, newRequestId, PERIOD_STATE_LABELS, requirementLine, textLength } from '../parts/model';
import { PrivacySheet } from '@/components/PrivacySheet';
import '../parts/checkin.scss';

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; progress: CampaignProgress };
type Photo = { key: string; previewUrl: string; file: PickedFile } & ({ status: 'uploading' } | { status: 'failed'; error: string } | { status: 'done'; id: string });

let nextKey = 0;

export default function CampaignPage() {
  const { params } = useRouter();
  const id = params.id ? safeDecode(params.id) : '';
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [makeupFor, setMakeupFor] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', progress: await getProgress(id) });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '打卡活动加载失败，请重试') });
    }
  }, [id]);
  useLoad(() => void load());

  if (!id) {
    return (
      <View className='checkin-page'>
        <View className='card'>
          <EmptyState title='没有找到这个打卡活动' hint='请从首页的打卡列表进入。' />
        </View>
      </View>
    );
  }
  if (state.kind === 'loading') return <Text className='loading-text'>正在加载打卡…</Text>;
  if (state.kind === 'failed') {
    return (
      <View className='checkin-page'>
        <LoadFailed title='打卡活动加载失败' message={state.message} onRetry={() => void load()} testId='checkin-error' />
      </View>
    );
  }
  const { progress } = state;
  const { campaign } = progress;
  const canCheckIn = progress.status === 'running' && (!progress.checkedInThisPeriod || makeupFor !== null);
  const makeupLabel = makeupFor ? progress.calendar.find((c) => c.period === makeupFor)?.label : undefined;

  return (
    <View className='checkin-page' data-testid='checkin-page'>
      <PrivacySheet />
      <View className='card'>
        <Text className='card__title' data-testid='checkin-title'>
          {campaign.title}
        </Text>
        {campaign.description ? <Text className='checkin-desc'>{campaign.description}</Text> : null}
        <Text className='muted checkin-line'>{requirementLine(campaign)}</Text>
        <Text className='muted checkin-line'>
          {campaign.startDate} 至 {campaign.endDate}
        </Text>
      </View>

      <View className='checkin-stats'>
        <View className='checkin-stat'>
          <Text className='checkin-stat__value' data-testid='checkin-streak'>
            {progress.streak}
          </Text>
          <Text className='checkin-stat__label'>连续打卡（{PERIOD_UNIT_LABELS[campaign.period]}）</Text>
        </View>
        <View className='checkin-stat'>
          <Text className='checkin-stat__value' data-testid='checkin-count'>
            {progress.count}/{progress.required}
          </Text>
          <Text className='checkin-stat__label'>{progress.completed ? '已完成要求' : '已打卡 / 要求'}</Text>
        </View>
        <View className='checkin-stat'>
          <Text className='checkin-stat__value'>{progress.makeupsLeft}</Text>
          <Text className='checkin-stat__label'>剩余补卡</Text>
        </View>
      </View>

      <Text className='section-title'>打卡日历</Text>
      <View className='card'>
        <View className={`checkin-calendar checkin-calendar--${campaign.period}`} data-testid='checkin-calendar'>
          {progress.calendar.map((cell) => {
            const makeable = progress.canMakeUp.includes(cell.period);
            return (
              <View
                key={cell.period}
                className={`checkin-cell checkin-cell--${cell.state}${makeupFor === cell.period ? ' checkin-cell--chosen' : ''}`}
                data-testid={`checkin-cell-${cell.period}`}
                onClick={() => (makeable ? setMakeupFor(cell.period) : undefined)}
              >
                <Text className='checkin-cell__label'>{cellLabel(campaign.period, cell.period, cell.from)}</Text>
                <Text className='checkin-cell__state'>{makeable ? '可补卡' : PERIOD_STATE_LABELS[cell.state]}</Text>
              </View>
            );
          })}
        </View>
        {progress.canMakeUp.length > 0 ? <Text className='form-field__hint'>点“可补卡”的一期补卡，还能补 {progress.makeupsLeft} 次。</Text> : null}
      </View>

      {progress.status === 'upcoming' ? (
        <View className='card'>
          <EmptyState title='打卡还没开始' hint={`${campaign.startDate} 起可以打卡。`} />
        </View>
      ) : null}
      {progress.status === 'ended' ? (
        <View className='card'>
          <EmptyState title='打卡活动已结束' hint={progress.completed ? '你已完成全部要求。' : `共打卡 ${progress.count} 次。`} />
        </View>
      ) : null}
      {progress.status === 'running' && progress.checkedInThisPeriod && makeupFor === null ? (
        <View className='card checkin-done' data-testid='checkin-done'>
          <Text className='badge badge--ok'>本期已打卡</Text>
          <Text className='muted'>{progress.current?.label}的打卡已完成，下一期再来吧。</Text>
        </View>
      ) : null}
      {canCheckIn ? (
        <CheckInForm
          key={makeupFor ?? 'current'}
          progress={progress}
          makeupFor={makeupFor}
          title={makeupFor ? `补卡：${makeupLabel ?? makeupFor}` : `本期打卡：${progress.current?.label ?? ''}`}
          onCancelMakeup={() => setMakeupFor(null)}
          onDone={(next) => {
            setMakeupFor(null);
            setState({ kind: 'ready', progress: next });
          }}
        />
      ) : null}

      <Feed campaignId={campaign.id} refreshKey={progress.count} />
    </View>
  );
}

interface FormProps {
  progress: CampaignProgress;
  makeupFor: string | null;
  title: string;
  onCancelMakeup: () => void;
  onDone: (progress: CampaignProgress) => void;
}

function CheckInForm({ progress, makeupFor, title, onCancelMakeup, onDone }: FormProps) {
  const { campaign } = progress;
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // One id per submission: a second tap while the first is in flight, or a retry after a lost answer, is the same request.
  const requestId = useRef(newRequestId());
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const patch = (key: string, next: (p: Photo) => Photo) => {
    if (live.current) setPhotos((current) => current.map((p) => (p.key === key ? next(p) : p)));
  };
  const upload = (photo: Photo) => {
    uploadEvidence(photo.file, () => undefined).then(
      (uploadId) => patch(photo.key, (p) => ({ key: p.key, previewUrl: p.previewUrl, file: p.file, status: 'done', id: uploadId })),
      (err: unknown) => patch(photo.key, (p) => ({ key: p.key, previewUrl: p.previewUrl, file: p.file, status: 'failed', error: errorMessage(err, '上传失败') })),
    );
  };
  const pick = async () => {
    const room = CHECKIN_PHOTOS_MAX - photos.length;
    if (room <= 0) return;
    // Refused (privacy) or failed: said, and the text can be checked in now, photos added later.
    const picked = await evidencePlatform.pick('image', room).catch((error: unknown) => {
      void Taro.showToast({ title: errorMessage(error, '无法选择图片'), icon: 'none', duration: 3000 });
      return [];
    });
    const added: Photo[] = picked.slice(0, room).map((file) => ({ key: `p-${nextKey++}`, previewUrl: file.previewUrl, file, status: 'uploading' }));
    setPhotos((current) => [...current, ...added]);
    added.forEach(upload);
  };
  const remove = (key: string) => setPhotos((current) => current.filter((p) => p.key !== key));

  const length = textLength(text);
  const submit = async () => {
    if (busy) return;
    if (length < campaign.minTextLength) return setError(`打卡内容至少 ${campaign.minTextLength} 个字，请再写一些（字数见输入框下方）`);
    if (photos.some((p) => p.status === 'uploading')) return setError('照片还在上传，请稍候');
    if (photos.some((p) => p.status === 'failed')) return setError('有照片上传失败，请删除后重新添加');
    const ids = photos.flatMap((p) => (p.status === 'done' ? [p.id] : []));
    if (ids.length < campaign.minPhotos) return setError(`请至少上传 ${campaign.minPhotos} 张照片`);
    setError('');
    setBusy(true);
    try {
      await requestCheckInReminderConsent();
      const result = await checkIn(campaign.id, { text: text.trim(), photos: ids, requestId: requestId.current, ...(makeupFor ? { period: makeupFor } : {}) });
      void Taro.showToast({ title: makeupFor ? '补卡成功' : '打卡成功', icon: 'success' });
      onDone(result.progress);
    } catch (err) {
      setError(errorMessage(err, '打卡失败，请重试'));
    } finally {
      if (live.current) setBusy(false);
    }
  };

  return (
    <View className='card checkin-form' data-testid='checkin-form'>
      <Text className='card__title'>{title}</Text>
      <Textarea
        className='input input--textarea checkin-text'
        data-testid='checkin-text'
        value={text}
        maxlength={CHECKIN_TEXT_MAX}
        placeholder={campaign.minTextLength > 0 ? `写下今天的学习收获，至少 ${campaign.minTextLength} 字` : '写下学习收获或读书心得'}
        onInput={(e) => {
          setText(e.detail.value);
          // A message about the length goes stale as soon as the text changes.
          setError('');
        }}
      />
      <Text className={`checkin-counter${length < campaign.minTextLength ? ' checkin-counter--short' : ''}`} data-testid='checkin-counter'>
        {length}
        {campaign.minTextLength > 0 ? ` / 至少 ${campaign.minTextLength} 字` : ' 字'}
        {length >= CHECKIN_TEXT_MAX ? `，已到上限 ${CHECKIN_TEXT_MAX} 字，超出的部分没有填入` : ''}
      </Text>
      <View className='checkin-photos'>
        {photos.map((p) => (
          <View key={p.key} className='checkin-photo'>
            {p.previewUrl ? <Image className='checkin-photo__img' src={p.previewUrl} mode='aspectFill' /> : null}
            <Text className='checkin-photo__state'>{p.status === 'uploading' ? '上传中' : p.status === 'failed' ? '失败' : ''}</Text>
            <Text className='checkin-photo__remove' onClick={() => remove(p.key)}>
              ×
            </Text>
          </View>
        ))}
        {photos.length < CHECKIN_PHOTOS_MAX ? (
          <View className='checkin-photo checkin-photo--add' data-testid='checkin-add-photo' onClick={() => void pick()}>
            <Text>+ 照片</Text>
          </View>
        ) : null}
      </View>
      <Text className='form-field__hint'>{campaign.minPhotos > 0 ? `至少 ${campaign.minPhotos} 张照片，` : ''}最多 {CHECKIN_PHOTOS_MAX} 张</Text>
      {error ? (
        <Text className='form-error' data-testid='checkin-form-error'>
          {error}
        </Text>
      ) : null}
      <View className='actions'>
        <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='checkin-submit' onClick={() => void submit()}>
          {busy ? '正在提交…' : makeupFor ? '提交补卡' : '提交打卡'}
        </Button>
        {makeupFor ? (
          <Button className='btn btn--secondary' onClick={onCancelMakeup}>
            取消补卡
          </Button>
        ) : null}
      </View>
    </View>
  );
}

type FeedState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; feed: CampaignFeed; more: boolean };

function Feed({ campaignId, refreshKey }: { campaignId: string; refreshKey: number }) {
  const [state, setState] = useState<FeedState>({ kind: 'loading' });
  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', feed: await getFeed(campaignId), more: false });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '打卡动态加载失败') });
    }
  }, [campaignId]);
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  const more = async () => {
    if (state.kind !== 'ready' || !state.feed.nextCursor || state.more) return;
    setState({ ...state, more: true });
    try {
      const next = await getFeed(campaignId, state.feed.nextCursor);
      setState({ kind: 'ready', feed: { ...next, items: [...state.feed.items, ...next.items] }, more: false });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
      setState({ ...state, more: false });
    }
  };

  return (
    <View data-testid='checkin-feed'>
      <Text className='section-title'>本校打卡动态</Text>
      {state.kind === 'loading' ? <Text className='loading-text'>正在加载动态…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='动态加载失败' message={state.message} onRetry={() => void load()} /> : null}
      {state.kind === 'ready' && state.feed.items.length === 0 ? (
        <View className='card'>
          <EmptyState title='还没有人打卡' hint='成为本校第一个打卡的人吧。' />
        </View>
      ) : null}
      {state.kind === 'ready'
        ? state.feed.items.map((item) => <FeedItem key={`${item.period}-${item.createdAt}-${item.displayName}`} item={item} />)
        : null}
      {state.kind === 'ready' && state.feed.nextCursor ? (
        <Button className='btn btn--secondary' onClick={() => void more()}>
          {state.more ? '正在加载…' : '查看更多'}
        </Button>
      ) : null}
    </View>
  );
}

function FeedItem({ item }: { item: CheckIn }) {
  const open = (url: string | undefined) => {
    if (!url) return;
    const urls = item.photos.map((p) => absoluteUrl(p.url ?? '', appConfig.apiBase));
    void Taro.previewImage({ urls, current: absoluteUrl(url, appConfig.apiBase) }).catch(() => undefined);
  };
  return (
    <View className='card feed-item' data-testid='feed-item'>
      <View className='feed-item__head'>
        <Text className='feed-item__name'>{item.mine ? `${item.displayName}（我）` : item.displayName}</Text>
        <Text className='muted'>
          {item.periodLabel}
          {item.makeup ? ' · 补卡' : ''}
        </Text>
      </View>
      {item.text ? <Text className='feed-item__text'>{item.text}</Text> : null}
      {item.photos.length ? (
        <View className='checkin-photos'>
          {item.photos.map((p) => (
            <Image key={p.id} className='checkin-photo checkin-photo__img' src={absoluteUrl(p.url ?? '', appConfig.apiBase)} mode='aspectFill' onClick={() => open(p.url)} />
          ))}
        </View>
      ) : null}
      <Text className='muted feed-item__time'>{formatDateTime(item.createdAt)}</Text>
    </View>
  );
}
