import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { ARCHIVE_KIND_LABELS, MAX_EVIDENCE, type ArchiveEntry, type EntryKind } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { evidencePlatform, type PickedFile, type PickKind } from '@/platform/evidence';
import { createEntry, deleteEntry, getArchive, updateEntry } from '@/services/archive';
import { ApiError } from '@/services/request';
import { appConfig } from '@/config';
import { absoluteUrl, isImageType } from '@/utils/files';
import { errorMessage } from '@/utils/labels';
import { ARCHIVE_PAGES, safeDecode } from '@/utils/links';
import { isEditable } from '../parts/model';
import { uploadEvidence } from '../parts/upload';
import {
  checkForm,
  dateField,
  emptyValues,
  firstErrors,
  KIND_FIELDS,
  KIND_HINTS,
  NOTE_FIELD,
  valuesFromEntry,
  type FieldErrors,
  type FormValues,
} from './form';
import { PrivacySheet } from '@/components/PrivacySheet';
import { EvidenceEditor, type EvidenceItem } from './Evidence';
import { Field, KindPicker, today } from './Fields';
import '../parts/archive.scss';
import './index.scss';

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'locked'; message: string } | { kind: 'ready' };

let nextKey = 0;

export default function EditEntryPage() {
  const { params } = useRouter();
  const entryId = params.id ? safeDecode(params.id) : '';
  const [load, setLoad] = useState<LoadState>(entryId ? { kind: 'loading' } : { kind: 'ready' });
  const [kind, setKind] = useState<EntryKind | null>(null);
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [evidence, setEvidence] = useState<EvidenceItem[]>([]);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<ArchiveEntry | null>(null);
  const live = useRef(true);

  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  // An entry is edited from the timeline of its school year, which is read again here (there is no single-entry route).
  const loadEntry = useCallback(async () => {
    setLoad({ kind: 'loading' });
    try {
      const year = params.year && /^\d{4}-\d{4}$/.test(params.year) ? params.year : undefined;
      const { entries } = await getArchive({ ...(year ? { year } : {}) });
      const entry = entries.find((e) => e.id === entryId);
      if (!entry) {
        setLoad({ kind: 'locked', message: '没有找到这条记录，它可能已被删除。' });
        return;
      }
      if (!isEditable(entry) || entry.source !== 'entered') {
        setLoad({ kind: 'locked', message: entry.source === 'derived' ? '系统自动记录的条目不能修改。' : '这条记录已通过审核，不能再修改。' });
        return;
      }
      setEditing(entry);
      setKind(entry.kind);
      setValues(valuesFromEntry(entry));
      setEvidence(
        entry.evidenceFiles.map((file) => ({
          key: `e-${file.id}`,
          name: file.name,
          contentType: file.contentType,
          previewUrl: file.url && isImageType(file.contentType) ? absoluteUrl(file.url, appConfig.apiBase) : '',
          status: 'done',
          id: file.id,
        })),
      );
      setLoad({ kind: 'ready' });
    } catch (error) {
      setLoad({ kind: 'failed', message: errorMessage(error, '记录加载失败，请重试') });
    }
  }, [entryId, params.year]);

  useLoad(() => {
    void Taro.setNavigationBarTitle({ title: entryId ? '修改记录' : '添加记录' });
    if (entryId) void loadEntry();
  });

  const chooseKind = (next: EntryKind) => {
    setKind(next);
    setValues(emptyValues(next, values.date || today()));
    setErrors({});
    setFormError('');
  };

  const set = (name: string, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    if (errors[name]) setErrors((current) => ({ ...current, [name]: undefined }));
  };

  const patchItem = (key: string, patch: (item: EvidenceItem) => EvidenceItem) => {
    if (live.current) setEvidence((current) => current.map((item) => (item.key === key ? patch(item) : item)));
  };

  const startUpload = (key: string, file: PickedFile) => {
    uploadEvidence(file, (share) => patchItem(key, (item) => (item.status === 'uploading' ? { ...item, progress: share } : item))).then(
      (id) => patchItem(key, (item) => ({ key: item.key, name: item.name, contentType: item.contentType, previewUrl: item.previewUrl, status: 'done', id, file })),
      (error: unknown) =>
        patchItem(key, (item) => ({
          key: item.key,
          name: item.name,
          contentType: item.contentType,
          previewUrl: item.previewUrl,
          status: 'failed',
          error: errorMessage(error, '上传失败，请重试'),
          file,
        })),
    );
  };

  const pick = async (pickKind: PickKind) => {
    const room = MAX_EVIDENCE - evidence.length;
    if (room <= 0) {
      void Taro.showToast({ title: `证明材料最多 ${MAX_EVIDENCE} 个`, icon: 'none' });
      return;
    }
    try {
      const files = await evidencePlatform.pick(pickKind, room);
      const added = files.slice(0, room).map(
        (file): EvidenceItem => ({
          key: `n-${++nextKey}`,
          name: file.name,
          contentType: file.contentType,
          previewUrl: file.previewUrl,
          status: 'uploading',
          progress: 0,
          file,
        }),
      );
      setEvidence((current) => [...current, ...added]);
      setErrors((current) => ({ ...current, evidence: undefined }));
      added.forEach((item) => item.status === 'uploading' && startUpload(item.key, item.file));
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '无法选择文件'), icon: 'none' });
    }
  };

  const retry = (item: EvidenceItem) => {
    if (item.status !== 'failed') return;
    patchItem(item.key, () => ({ key: item.key, name: item.name, contentType: item.contentType, previewUrl: item.previewUrl, status: 'uploading', progress: 0, file: item.file }));
    startUpload(item.key, item.file);
  };

  const removeItem = (item: EvidenceItem) => {
    if (item.file) evidencePlatform.release(item.file);
    setEvidence((current) => current.filter((other) => other.key !== item.key));
  };

  const save = async () => {
    if (!kind || busy) return;
    setFormError('');
    if (evidence.some((item) => item.status === 'uploading')) {
      setFormError('文件还在上传，请稍候再提交');
      return;
    }
    if (evidence.some((item) => item.status === 'failed')) {
      setFormError('有文件上传失败，请点击重试或移除后再提交');
      return;
    }
    const ids = evidence.flatMap((item) => (item.status === 'done' ? [item.id] : []));
    const checked = checkForm(kind, values, ids);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFormError('请按标红处的提示修改后再提交');
      scrollToFirstError();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      if (editing) await updateEntry(editing.id, checked.input);
      else await createEntry(checked.input);
      void Taro.showToast({ title: '已提交，等待学校审核', icon: 'none', duration: 2000 });
      await leave();
    } catch (error) {
      if (live.current) setBusy(false);
      if (error instanceof ApiError) setErrors(firstErrors(error.fieldErrors));
      setFormError(errorMessage(error, '提交失败，请稍后重试'));
      scrollToFirstError();
    }
  };

  const remove = async () => {
    if (!editing || busy) return;
    const { confirm } = await Taro.showModal({ title: '删除记录', content: '确定删除这条记录吗？删除后不能恢复。', confirmText: '删除' });
    if (!confirm) return;
    setBusy(true);
    try {
      await deleteEntry(editing.id);
      void Taro.showToast({ title: '已删除', icon: 'success' });
      await leave();
    } catch (error) {
      if (live.current) setBusy(false);
      setFormError(errorMessage(error, '删除失败，请稍后重试'));
    }
  };

  if (load.kind === 'loading') return <Text className='loading-text'>正在加载…</Text>;
  if (load.kind === 'failed') {
    return (
      <View className='archive-page'>
        <LoadFailed title='记录加载失败' message={load.message} onRetry={() => void loadEntry()} />
      </View>
    );
  }
  if (load.kind === 'locked') {
    return (
      <View className='archive-page'>
        <View className='card' data-testid='entry-locked'>
          <EmptyState title='不能修改' hint={load.message} />
        </View>
      </View>
    );
  }

  if (!kind) return <KindPicker onPick={chooseKind} />;

  const fields = [dateField(kind), ...KIND_FIELDS[kind], NOTE_FIELD];
  return (
    <View className='archive-page' data-testid='entry-form'>
      <PrivacySheet />
      <View className='archive-wrap'>
        <View className='card entry-kind'>
          <View>
            <Text className='entry-kind__name' data-testid='entry-kind'>
              {ARCHIVE_KIND_LABELS[kind]}
            </Text>
            <Text className='muted'>{KIND_HINTS[kind]}</Text>
          </View>
          {editing ? null : (
            <Text className='entry-kind__change' data-testid='entry-kind-change' onClick={() => setKind(null)}>
              更换类型
            </Text>
          )}
        </View>
        {editing?.status === 'rejected' && editing.review?.comment ? (
          <Text className='entry-rejected'>退回意见：{editing.review.comment}</Text>
        ) : null}

        <View className='card'>
          {fields.map((field) => (
            <Field key={field.name} field={field} value={values[field.name] ?? ''} error={errors[field.name]} onChange={(value) => set(field.name, value)} />
          ))}
        </View>

        <Text className='section-title'>证明材料（可选）</Text>
        <View className={`card${errors.evidence ? ' form-field--invalid' : ''}`} data-testid='evidence-editor'>
          <EvidenceEditor items={evidence} onRetry={retry} onRemove={removeItem} />
          {evidence.length < MAX_EVIDENCE ? (
            <View className='evidence-pickers'>
              {evidencePlatform.pickers.map((picker) => (
                <Button key={picker.kind} className='btn btn--secondary btn--small' data-testid={`evidence-pick-${picker.kind}`} onClick={() => void pick(picker.kind)}>
                  {picker.label}
                </Button>
              ))}
            </View>
          ) : null}
          <Text className='form-field__hint'>
            证书、获奖证明、听课记录表等的照片或 PDF，单个不超过 10 MB，最多 {MAX_EVIDENCE} 个（{evidence.length}/{MAX_EVIDENCE}）
          </Text>
          {errors.evidence ? <Text className='error-text'>{errors.evidence}</Text> : null}
        </View>

        {formError ? (
          <Text className='form-error' data-testid='entry-error'>
            {formError}
          </Text>
        ) : null}
        <View className='actions'>
          <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='entry-submit' onClick={() => void save()}>
            {busy ? '正在提交…' : editing ? '保存并重新提交审核' : '提交审核'}
          </Button>
          {editing ? (
            <Button className='btn btn--danger' data-testid='entry-delete' onClick={() => void remove()}>
              删除这条记录
            </Button>
          ) : null}
        </View>
      </View>
    </View>
  );
}

/** Back to the timeline; a page opened directly (a reload on H5) has nothing to go back to. */
async function leave() {
  try {
    await Taro.navigateBack();
  } catch {
    await Taro.redirectTo({ url: ARCHIVE_PAGES.mine });
  }
}

// After the invalid fields render: the first of them may be far above the button.
function scrollToFirstError() {
  setTimeout(() => {
    Taro.pageScrollTo({ selector: '.form-field--invalid', duration: 200 }).catch(() => undefined);
  }, 50);
}
