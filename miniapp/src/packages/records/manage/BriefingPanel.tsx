import { useCallback, useEffect, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BRIEFING_PHOTOS_MAX, SESSION_KIND_LABELS, type Briefing, type SessionFile } from '@lianyan/shared';
import { LoadFailed } from '@/components/LoadFailed';
import { appConfig } from '@/config';
import { recordLinkHints, shareBriefingLink } from '@/platform/record-links';
import { getBriefing, getBriefingLink, listSessionFiles, setBriefingPhotos } from '@/services/records';
import { absoluteUrl } from '@/utils/files';
import { errorMessage } from '@/utils/labels';
import { formatRange } from '@/utils/time';
import { attendanceRate, chosenPhotos, movePhoto, togglePhoto, type Loadable } from '../parts/model';

interface Data {
  briefing: Briefing;
  /** The session's photos, for choosing (managers only). */
  photos: SessionFile[] | null;
}

const kindLabel = (kind: string) => (SESSION_KIND_LABELS as Record<string, string>)[kind] ?? '教研活动';

/** 简报: the photos it shows, a preview of what the shared page prints, and the link to share. */
export function BriefingPanel({ sessionId, canManage }: { sessionId: string; canManage: boolean }) {
  const [state, setState] = useState<Loadable<Data>>({ kind: 'loading' });
  const [sharing, setSharing] = useState(false);

  const load = useCallback(async () => {
    try {
      const [briefing, files] = await Promise.all([getBriefing(sessionId), canManage ? listSessionFiles(sessionId) : Promise.resolve(null)]);
      setState({ kind: 'ready', data: { briefing, photos: files ? files.items.filter((f) => f.category === 'photo') : null } });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '简报加载失败，请重试') });
    }
  }, [sessionId, canManage]);
  useEffect(() => {
    void load();
  }, [load]);

  const share = async () => {
    if (sharing) return;
    setSharing(true);
    try {
      await shareBriefingLink(await getBriefingLink(sessionId));
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '获取简报链接失败，请重试'), icon: 'none', duration: 2500 });
    } finally {
      setSharing(false);
    }
  };

  if (state.kind === 'loading') return <Text className='loading-text'>正在生成简报…</Text>;
  if (state.kind === 'failed') return <LoadFailed title='简报加载失败' message={state.message} onRetry={() => void load()} testId='records-briefing-error' />;
  const { briefing, photos } = state.data;
  return (
    <View data-testid='records-briefing-panel'>
      {photos ? <PhotoChooser key={briefing.generatedAt} sessionId={sessionId} photos={photos} briefing={briefing} onSaved={() => void load()} /> : null}
      <BriefingPreview briefing={briefing} />
      <View className='card'>
        <Button className='btn' data-testid='records-briefing-share' disabled={sharing} onClick={() => void share()}>
          {sharing ? '正在获取链接…' : '分享简报'}
        </Button>
        <Text className='form-field__hint'>{recordLinkHints.briefing}</Text>
      </View>
    </View>
  );
}

function PhotoChooser({ sessionId, photos, briefing, onSaved }: { sessionId: string; photos: SessionFile[]; briefing: Briefing; onSaved: () => void }) {
  const initial = chosenPhotos(photos, briefing.photos.map((p) => p.id));
  const [chosen, setChosen] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const dirty = chosen.join() !== initial.join();
  const byId = new Map(photos.map((p) => [p.id, p]));

  const toggle = (id: string) => {
    const next = togglePhoto(chosen, id);
    if (next) setChosen(next);
    else void Taro.showToast({ title: `简报最多选 ${BRIEFING_PHOTOS_MAX} 张照片`, icon: 'none' });
  };

  const save = async () => {
    if (saving) return;
    setSaving(true);
    setError('');
    try {
      await setBriefingPhotos(sessionId, chosen);
      void Taro.showToast({ title: '照片选择已保存', icon: 'success' });
      onSaved();
    } catch (err) {
      setError(errorMessage(err, '保存失败，请重试'));
      setSaving(false);
    }
  };

  return (
    <View className='card' data-testid='records-photo-chooser'>
      <Text className='card__title'>
        简报照片（已选 {chosen.length}/{BRIEFING_PHOTOS_MAX}）
      </Text>
      {photos.length === 0 ? (
        <Text className='muted'>还没有上传活动照片，请先在「资料」中上传。</Text>
      ) : (
        <View>
          <Text className='muted records-line rec-spaced'>点选照片加入简报，按选择的先后排列；都不选时，简报显示最先上传的 {BRIEFING_PHOTOS_MAX} 张。</Text>
          <View className='rec-tiles'>
            {photos.map((photo) => {
              const order = chosen.indexOf(photo.id);
              return (
                <View
                  key={photo.id}
                  className={`rec-tile${order >= 0 ? ' rec-tile--chosen' : ''}`}
                  data-testid={`records-photo-${photo.id}`}
                  data-chosen={order >= 0 ? 'yes' : 'no'}
                  onClick={() => toggle(photo.id)}
                >
                  {photo.url ? <Image className='rec-tile__image' src={absoluteUrl(photo.url, appConfig.apiBase)} mode='aspectFill' lazyLoad /> : null}
                  {order >= 0 ? <Text className='rec-tile__order'>{order + 1}</Text> : null}
                </View>
              );
            })}
          </View>
          {chosen.length > 1 ? (
            <View className='rec-order' data-testid='records-photo-order'>
              {chosen.map((id, index) => (
                <View key={id} className='rec-order__row'>
                  <Text className='rec-order__name'>
                    {index + 1}. {byId.get(id)?.caption || byId.get(id)?.name || '照片'}
                  </Text>
                  <Text className={`rec-link${index === 0 ? ' rec-link--off' : ''}`} onClick={() => setChosen(movePhoto(chosen, id, -1))}>
                    上移
                  </Text>
                  <Text className={`rec-link${index === chosen.length - 1 ? ' rec-link--off' : ''}`} onClick={() => setChosen(movePhoto(chosen, id, 1))}>
                    下移
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
          {error ? <Text className='error-text'>{error}</Text> : null}
          <Button className='btn btn--secondary btn--small' data-testid='records-photos-save' disabled={saving || !dirty} onClick={() => void save()}>
            {saving ? '正在保存…' : '保存照片选择'}
          </Button>
        </View>
      )}
    </View>
  );
}

function BriefingPreview({ briefing }: { briefing: Briefing }) {
  const { session, figures } = briefing;
  const cards = [
    { key: 'expected', label: '应到', value: figures.expected },
    { key: 'signedIn', label: '实到', value: figures.signedIn },
    { key: 'late', label: '迟到', value: figures.late },
    { key: 'rate', label: '出勤率', value: attendanceRate(figures) },
  ];
  return (
    <View className='card rec-briefing' data-testid='records-briefing'>
      <Text className='rec-briefing__kicker'>活动简报 · 预览</Text>
      <Text className='rec-briefing__title'>{session.title}</Text>
      <Text className='muted records-line'>
        {kindLabel(session.kind)} · {formatRange(session.startAt, session.endAt)}
      </Text>
      <Text className='muted records-line'>
        {[session.mode === 'online' ? '线上活动' : session.venueName, `主办：${session.hostSchoolName}`].filter(Boolean).join(' · ')}
      </Text>
      {session.subject || session.grade ? <Text className='muted records-line'>{[session.subject, session.grade].filter(Boolean).join(' · ')}</Text> : null}
      {session.lesson ? (
        <Text className='records-line' data-testid='records-briefing-lesson'>
          授课：{session.lesson.teacherName} · {session.lesson.className} · {session.lesson.topic}
        </Text>
      ) : null}

      <View className='rec-figures rec-figures--inline'>
        {cards.map((c) => (
          <View key={c.key} className={`rec-figure rec-figure--${c.key}`}>
            <Text className='rec-figure__value' data-testid={`records-briefing-${c.key}`}>
              {c.value}
            </Text>
            <Text className='rec-figure__label'>{c.label}</Text>
          </View>
        ))}
      </View>
      {figures.bySchool.length ? (
        <View className='rec-table' data-testid='records-briefing-schools'>
          <View className='rec-table__row rec-table__row--head'>
            <Text className='rec-table__name'>学校</Text>
            <Text className='rec-table__cell'>应到</Text>
            <Text className='rec-table__cell'>实到</Text>
            <Text className='rec-table__cell'>迟到</Text>
          </View>
          {figures.bySchool.map((row) => (
            <View key={row.schoolId} className='rec-table__row' data-testid={`records-briefing-school-${row.schoolId}`}>
              <Text className='rec-table__name'>{row.schoolName}</Text>
              <Text className='rec-table__cell'>{row.expected}</Text>
              <Text className='rec-table__cell'>{row.signedIn}</Text>
              <Text className='rec-table__cell'>{row.late}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <Text className='rec-briefing__section'>活动照片</Text>
      {briefing.photos.length === 0 ? <Text className='muted'>没有照片</Text> : null}
      <View className='rec-briefing__photos'>
        {briefing.photos.map((photo) => (
          <View key={photo.id} className='rec-briefing__photo' data-testid='records-briefing-photo' data-file-id={photo.id}>
            {photo.url ? <Image className='rec-briefing__image' src={absoluteUrl(photo.url, appConfig.apiBase)} mode='aspectFill' lazyLoad /> : null}
            {photo.caption ? <Text className='rec-briefing__caption'>{photo.caption}</Text> : null}
          </View>
        ))}
      </View>

      <Text className='rec-briefing__section'>心得摘录</Text>
      {briefing.excerpts.length === 0 ? (
        <Text className='muted'>{briefing.reflections.requested ? `已提交心得 ${briefing.reflections.submitted} 篇，尚未选择摘录` : '未布置心得'}</Text>
      ) : null}
      {briefing.excerpts.map((excerpt) => (
        <View key={excerpt.userId} className='rec-quote' data-testid='records-briefing-excerpt'>
          <Text className='rec-quote__text'>{excerpt.text}</Text>
          <Text className='rec-quote__by'>—— {[excerpt.schoolName, excerpt.name].filter(Boolean).join(' ')}</Text>
        </View>
      ))}
      {briefing.schools.length ? <Text className='muted records-line rec-spaced'>参加学校：{briefing.schools.join('、')}</Text> : null}
    </View>
  );
}
