import { useCallback, useEffect, useState } from 'react';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import * as z from 'zod/mini';
import {
  AttachSessionFilesRequest,
  SESSION_FILE_CATEGORIES,
  SESSION_FILE_CATEGORY_LABELS,
  SESSION_FILES_PER_REQUEST,
  type SessionFile,
  type SessionFileCategory,
} from '@lianyan/shared';
import { CharCounter, Choices } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { appConfig } from '@/config';
import { evidencePlatform, type PickedFile, type PickKind } from '@/platform/evidence';
import { attachSessionFiles, listSessionFiles, removeSessionFile } from '@/services/records';
import { absoluteUrl, isImageType, sizeLabel } from '@/utils/files';
import { errorMessage } from '@/utils/labels';
import { formatDateTime } from '@/utils/time';
import { uploadEvidence } from '../../archive/parts/upload';
import { acceptedFiles, groupFiles, pickersFor, type Loadable } from '../parts/model';

/** A picked file on its way: uploading, failed (retry or remove), or uploaded and waiting to be added. */
type Pending = { key: string; file: PickedFile } & ({ status: 'uploading'; progress: number } | { status: 'failed'; error: string } | { status: 'done'; uploadId: string });

const CATEGORY_OPTIONS = SESSION_FILE_CATEGORIES.map((value) => ({ value, label: SESSION_FILE_CATEGORY_LABELS[value] }));
let nextKey = 0;

function openFile(file: SessionFile) {
  evidencePlatform.open(file).catch((error: unknown) => {
    void Taro.showToast({ title: errorMessage(error, '文件打开失败，请稍后重试'), icon: 'none' });
  });
}

/** 资料: the session's files by category, and adding files (uploaded first, then attached under one category). */
export function FilesPanel({ sessionId }: { sessionId: string }) {
  const [state, setState] = useState<Loadable<SessionFile[]>>({ kind: 'loading' });
  const [category, setCategory] = useState<SessionFileCategory>('plan');
  const [caption, setCaption] = useState('');
  const [pending, setPending] = useState<Pending[]>([]);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState('');
  const [removing, setRemoving] = useState('');

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', data: (await listSessionFiles(sessionId)).items });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '资料加载失败，请重试') });
    }
  }, [sessionId]);
  useEffect(() => {
    void load();
  }, [load]);

  const patch = (key: string, next: (item: Pending) => Pending) => setPending((items) => items.map((item) => (item.key === key ? next(item) : item)));

  const upload = (key: string, file: PickedFile) => {
    uploadEvidence(file, (share) => patch(key, (item) => (item.status === 'uploading' ? { ...item, progress: share } : item))).then(
      (uploadId) => patch(key, (item) => ({ key: item.key, file: item.file, status: 'done', uploadId })),
      (error: unknown) => patch(key, (item) => ({ key: item.key, file: item.file, status: 'failed', error: errorMessage(error, '上传失败，请重试') })),
    );
  };

  const pick = async (kind: PickKind) => {
    const room = SESSION_FILES_PER_REQUEST - pending.length;
    if (room <= 0) {
      void Taro.showToast({ title: `一次最多添加 ${SESSION_FILES_PER_REQUEST} 个文件`, icon: 'none' });
      return;
    }
    try {
      const { kept, rejected } = acceptedFiles(category, await evidencePlatform.pick(kind, room));
      if (rejected.length) void Taro.showToast({ title: `活动照片只能是图片：${rejected.join('、')} 未添加`, icon: 'none', duration: 3000 });
      const added = kept.slice(0, room).map((file): Pending => ({ key: `p-${++nextKey}`, file, status: 'uploading', progress: 0 }));
      setPending((items) => [...items, ...added]);
      setFormError('');
      for (const item of added) upload(item.key, item.file);
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '无法选择文件'), icon: 'none' });
    }
  };

  const retry = (item: Pending) => {
    if (item.status !== 'failed') return;
    patch(item.key, () => ({ key: item.key, file: item.file, status: 'uploading', progress: 0 }));
    upload(item.key, item.file);
  };

  const drop = (item: Pending) => {
    evidencePlatform.release(item.file);
    setPending((items) => items.filter((other) => other.key !== item.key));
  };

  const save = async () => {
    if (saving) return;
    if (pending.some((item) => item.status !== 'done')) {
      setFormError(pending.some((item) => item.status === 'failed') ? '有文件上传失败，请点击重试或移除' : '文件还在上传，请稍候');
      return;
    }
    const uploadIds = pending.flatMap((item) => (item.status === 'done' ? [item.uploadId] : []));
    const parsed = AttachSessionFilesRequest.safeParse({ category, uploadIds, ...(category === 'photo' && caption.trim() ? { caption } : {}) });
    if (!parsed.success) {
      const errors = z.flattenError(parsed.error).fieldErrors;
      setFormError(errors.caption?.[0] ?? errors.uploadIds?.[0] ?? errors.category?.[0] ?? '请检查后再添加');
      return;
    }
    setSaving(true);
    setFormError('');
    try {
      const { items } = await attachSessionFiles(sessionId, parsed.data);
      for (const item of pending) evidencePlatform.release(item.file);
      setPending([]);
      setCaption('');
      void Taro.showToast({ title: `已添加 ${items.length} 个文件`, icon: 'success' });
      await load();
    } catch (error) {
      setFormError(errorMessage(error, '添加失败，请重试'));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (file: SessionFile) => {
    if (removing) return;
    const { confirm } = await Taro.showModal({
      title: '删除文件',
      content: `确定从活动档案中删除「${file.name}」吗？${file.featured ? '它也会从简报中去掉。' : ''}`,
      confirmText: '删除',
    });
    if (!confirm) return;
    setRemoving(file.id);
    try {
      await removeSessionFile(sessionId, file.id);
      void Taro.showToast({ title: '已删除', icon: 'success' });
      await load();
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '删除失败，请重试'), icon: 'none', duration: 2500 });
    } finally {
      setRemoving('');
    }
  };

  const uploading = pending.some((item) => item.status === 'uploading');
  return (
    <View data-testid='records-files-panel'>
      <View className='card' data-testid='records-upload'>
        <Text className='card__title'>添加资料</Text>
        <Choices name='records-category' options={CATEGORY_OPTIONS} selected={category} onSelect={setCategory} />
        {category === 'photo' ? (
          <>
            <Input
              className='input rec-caption'
              data-testid='records-caption'
              value={caption}
              maxlength={60}
              placeholder='照片说明（可选），如：专家点评环节'
              onInput={(e) => setCaption(e.detail.value)}
            />
            <CharCounter value={caption} max={60} testId='records-caption' />
          </>
        ) : null}
        {pending.length ? (
          <View className='rec-tiles'>
            {pending.map((item, index) => (
              <PendingTile key={item.key} item={item} index={index} onRetry={retry} onRemove={drop} />
            ))}
          </View>
        ) : null}
        <View className='rec-buttons'>
          {pickersFor(category, evidencePlatform.pickers).map((picker) => (
            <Button key={picker.kind} className='btn btn--secondary btn--small' data-testid={`records-pick-${picker.kind}`} disabled={saving} onClick={() => void pick(picker.kind)}>
              {picker.label}
            </Button>
          ))}
        </View>
        <Text className='form-field__hint'>
          {category === 'photo' ? 'JPG、PNG 或 WebP 图片' : 'PDF 文件或图片'}，单个不超过 10 MB，一次最多 {SESSION_FILES_PER_REQUEST} 个
        </Text>
        {formError ? (
          <Text className='error-text' data-testid='records-upload-error'>
            {formError}
          </Text>
        ) : null}
        {pending.length ? (
          <Button className='btn rec-save' data-testid='records-upload-save' disabled={saving || uploading} onClick={() => void save()}>
            {saving ? '正在添加…' : uploading ? '正在上传…' : `添加到「${SESSION_FILE_CATEGORY_LABELS[category]}」（${pending.length}）`}
          </Button>
        ) : null}
      </View>

      {state.kind === 'loading' ? <Text className='loading-text'>正在加载资料…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='资料加载失败' message={state.message} onRetry={() => void load()} testId='records-files-error' /> : null}
      {state.kind === 'ready' && state.data.length === 0 ? (
        <View className='card' data-testid='records-files-empty'>
          <EmptyState title='还没有上传资料' hint='上传活动方案、日程安排、课件和现场照片，形成完整的活动档案。' />
        </View>
      ) : null}
      {state.kind === 'ready'
        ? groupFiles(state.data).map((group) => (
            <View key={group.category} className='card' data-testid={`records-group-${group.category}`}>
              <Text className='card__title'>
                {group.label}（{group.files.length}）
              </Text>
              {group.category === 'photo' ? (
                <View className='rec-tiles'>
                  {group.files.map((file) => (
                    <View key={file.id} className='rec-photo' data-testid={`records-file-${file.id}`}>
                      <View className='rec-tile' onClick={() => openFile(file)}>
                        {file.url ? <Image className='rec-tile__image' src={absoluteUrl(file.url, appConfig.apiBase)} mode='aspectFill' lazyLoad /> : null}
                        {file.featured ? <Text className='rec-tile__mark'>简报</Text> : null}
                      </View>
                      <Text className='rec-photo__caption'>{file.caption || file.name}</Text>
                      <Text className='rec-link rec-link--danger' data-testid='records-file-remove' onClick={() => void remove(file)}>
                        {removing === file.id ? '正在删除…' : '删除'}
                      </Text>
                    </View>
                  ))}
                </View>
              ) : (
                group.files.map((file) => (
                  <View key={file.id} className='rec-file' data-testid={`records-file-${file.id}`}>
                    <View className='rec-file__main' onClick={() => openFile(file)}>
                      <Text className='rec-file__name'>{file.name}</Text>
                      <Text className='muted'>
                        {isImageType(file.contentType) ? '图片' : 'PDF'} · {sizeLabel(file.size)} · {formatDateTime(file.uploadedAt)}
                      </Text>
                    </View>
                    <Text className='rec-link' onClick={() => openFile(file)}>
                      查看
                    </Text>
                    <Text className='rec-link rec-link--danger' data-testid='records-file-remove' onClick={() => void remove(file)}>
                      {removing === file.id ? '正在删除…' : '删除'}
                    </Text>
                  </View>
                ))
              )}
            </View>
          ))
        : null}
    </View>
  );
}

function PendingTile({ item, index, onRetry, onRemove }: { item: Pending; index: number; onRetry: (item: Pending) => void; onRemove: (item: Pending) => void }) {
  return (
    <View className='rec-photo' data-testid={`records-pending-${index}`} data-status={item.status}>
      <View className='rec-tile'>
        {item.file.previewUrl ? (
          <Image className='rec-tile__image' src={item.file.previewUrl} mode='aspectFill' />
        ) : (
          <View className='rec-tile__doc'>
            <Text className='rec-tile__ext'>{isImageType(item.file.contentType) ? 'IMG' : 'PDF'}</Text>
          </View>
        )}
        {item.status === 'uploading' ? (
          <View className='rec-tile__overlay'>
            <Text>{item.progress > 0 ? `${Math.floor(item.progress * 100)}%` : '上传中…'}</Text>
          </View>
        ) : null}
        {item.status === 'failed' ? (
          <View className='rec-tile__overlay rec-tile__overlay--failed' data-testid='records-pending-retry' onClick={() => onRetry(item)}>
            <Text>点击重试</Text>
          </View>
        ) : null}
        <Text className='rec-tile__remove' data-testid='records-pending-remove' onClick={() => onRemove(item)}>
          ×
        </Text>
      </View>
      <Text className='rec-photo__caption'>{item.file.name}</Text>
      {item.status === 'failed' ? <Text className='error-text'>{item.error}</Text> : null}
    </View>
  );
}
