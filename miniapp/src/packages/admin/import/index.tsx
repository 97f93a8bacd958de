import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ImportPreview, ImportResult } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { downloadExport } from '@/platform/download';
import { evidencePlatform } from '@/platform/evidence';
import { rosterFilePlatform } from '@/platform/roster-file';
import { applyImport, createImport, createImportUpload } from '@/services/imports';
import { errorMessage } from '@/utils/labels';
import {
  ACTION_LABELS,
  applyBlocker,
  canApply,
  errorLines,
  importTarget,
  resultLine,
  rowDetails,
  ROWS_PAGE,
  summaryItems,
  templateName,
  templatePath,
  uploadRequestFor,
  type ImportTarget,
} from './model';
import './index.scss';

type Step =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string }
  | { kind: 'preview'; preview: ImportPreview }
  | { kind: 'applying'; preview: ImportPreview }
  | { kind: 'applied'; preview: ImportPreview; result: ImportResult };

export default function ImportPage() {
  const target = importTarget(useRouter().params);
  if (!target) {
    return (
      <View className='imp-page'>
        <View className='card'>
          <EmptyState title='缺少学校或校联体' hint='请从「教师名册」页进入导入。' />
        </View>
      </View>
    );
  }
  return <Importer target={target} />;
}

function Importer({ target }: { target: ImportTarget }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState('');
  const [downloading, setDownloading] = useState(false);
  const [shown, setShown] = useState(ROWS_PAGE);

  const download = async () => {
    setDownloading(true);
    setError('');
    try {
      await downloadExport(templatePath(target), 'xlsx', templateName(target));
    } catch (e) {
      setError(errorMessage(e, '模板下载失败，请稍后重试'));
    } finally {
      setDownloading(false);
    }
  };

  const chooseAndPreview = async () => {
    setError('');
    let file;
    try {
      file = await rosterFilePlatform.pick();
    } catch (e) {
      setError(errorMessage(e, '无法选择文件，请稍后重试'));
      return;
    }
    if (!file) return;
    const checked = uploadRequestFor(file);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    setStep({ kind: 'uploading', fileName: file.name });
    try {
      const ticket = await createImportUpload(checked.value);
      await evidencePlatform.put(file.body, ticket, () => undefined);
      const preview = await createImport({ kind: 'teachers', ...target, uploadId: ticket.uploadId });
      setShown(ROWS_PAGE);
      setStep({ kind: 'preview', preview });
    } catch (e) {
      setError(errorMessage(e, '上传失败，请检查网络后重试'));
      setStep({ kind: 'idle' });
    }
  };

  const apply = async (preview: ImportPreview) => {
    setError('');
    setStep({ kind: 'applying', preview });
    try {
      const result = await applyImport(preview.id);
      setStep({ kind: 'applied', preview, result });
      void Taro.showToast({ title: '导入完成', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e, '导入失败，请稍后重试（已导入的教师不会重复）'));
      setStep({ kind: 'preview', preview });
    }
  };

  const preview = step.kind === 'preview' || step.kind === 'applying' || step.kind === 'applied' ? step.preview : undefined;
  const busy = step.kind === 'uploading' || step.kind === 'applying';
  return (
    <View className='imp-page' data-testid='import-page'>
      <View className='card'>
        <Text className='imp-step'>1. 下载模板，按「说明」填写教师（姓名、手机号必填）</Text>
        <Button className='btn btn--secondary' data-testid='import-template' onClick={() => void (downloading ? undefined : download())}>
          {downloading ? '正在下载…' : '下载模板'}
        </Button>
        <Text className='imp-step'>2. 上传填好的文件（Excel .xlsx 或 CSV）</Text>
        <Button className='btn' data-testid='import-choose' loading={step.kind === 'uploading'} disabled={busy} onClick={() => void chooseAndPreview()}>
          {preview ? '重新上传' : rosterFilePlatform.pickLabel}
        </Button>
        {step.kind === 'uploading' ? <Text className='loading-text'>正在上传并检查「{step.fileName}」…</Text> : null}
        {error ? (
          <Text className='form-error-text' data-testid='import-error-banner'>
            {error}
          </Text>
        ) : null}
      </View>

      {preview ? (
        <PreviewView
          preview={preview}
          shown={shown}
          onMore={() => setShown((n) => n + ROWS_PAGE)}
          applying={step.kind === 'applying'}
          result={step.kind === 'applied' ? step.result : undefined}
          onApply={() => void apply(preview)}
        />
      ) : step.kind === 'idle' ? (
        <View className='card'>
          <EmptyState title='还没有上传文件' hint='上传后会先预览：每一行是新增、更新还是有错误，确认无误再导入。' />
        </View>
      ) : null}
    </View>
  );
}

function PreviewView(props: { preview: ImportPreview; shown: number; onMore: () => void; applying: boolean; result: ImportResult | undefined; onApply: () => void }) {
  const { preview, shown, result } = props;
  const lines = errorLines(preview.errors);
  const blocker = applyBlocker(preview);
  return (
    <View data-testid='import-preview'>
      <Text className='section-title'>3. 预览「{preview.fileName}」</Text>
      <View className='card imp-summary'>
        {summaryItems(preview.summary).map((item) => (
          <View key={item.key} className={`imp-summary__item imp-summary__item--${item.key}`} data-testid={`import-summary-${item.key}`}>
            <Text className='imp-summary__value'>{item.value}</Text>
            <Text className='imp-summary__label'>{item.label}</Text>
          </View>
        ))}
      </View>

      {lines.length ? (
        <View className='card imp-errors' data-testid='import-errors'>
          <Text className='imp-errors__title'>需要修改（{lines.length} 处）</Text>
          {lines.map((line) => (
            <View key={line.key} className='imp-error' data-testid='import-error'>
              <Text className='imp-error__where'>{line.where}</Text>
              <Text className='imp-error__message'>{line.message}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {result ? (
        <View className='card imp-result' data-testid='import-result'>
          <Text>{resultLine(result)}</Text>
        </View>
      ) : (
        <View className='card'>
          {blocker ? <Text className='imp-blocker'>{blocker}</Text> : null}
          <Button
            className={`btn${canApply(preview) ? '' : ' btn--disabled'}`}
            data-testid='import-apply'
            disabled={!canApply(preview) || props.applying}
            loading={props.applying}
            onClick={props.onApply}
          >
            应用（导入 {preview.summary.create + preview.summary.update} 人）
          </Button>
        </View>
      )}

      <View className='card imp-rows' data-testid='import-rows'>
        {preview.rows.length === 0 ? <EmptyState title='没有可显示的行' hint='文件中没有读到教师。' /> : null}
        {preview.rows.slice(0, shown).map((row) => (
          <View key={row.row} className={`imp-row imp-row--${row.action}`} data-testid='import-row'>
            <Text className='imp-row__no'>{row.row}</Text>
            <View className='imp-row__main'>
              <Text className='imp-row__name'>
                {row.name || '（未填姓名）'} <Text className='imp-row__phone'>{row.phoneMasked}</Text>
              </Text>
              <Text className='imp-row__details'>{rowDetails(row)}</Text>
            </View>
            <Text className={`badge badge--${row.action === 'invalid' ? 'bad' : row.action === 'unchanged' ? 'muted' : 'ok'}`}>{ACTION_LABELS[row.action]}</Text>
          </View>
        ))}
        {preview.rows.length > shown ? (
          <Button className='btn btn--secondary' onClick={props.onMore}>
            显示更多（还有 {preview.rows.length - shown} 行）
          </Button>
        ) : null}
      </View>
    </View>
  );
}
