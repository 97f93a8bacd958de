import { Image, Text, View } from '@tarojs/components';
import type { PickedFile } from '@/platform/evidence';
import { isImageType } from '@/utils/files';

/** One evidence file on the form: uploading, failed (retry or remove), or stored with its upload id. */
export type EvidenceItem = { key: string; name: string; contentType: string; previewUrl: string } & (
  | { status: 'uploading'; progress: number; file: PickedFile }
  | { status: 'failed'; error: string; file: PickedFile }
  | { status: 'done'; id: string; file?: PickedFile }
);

export function EvidenceEditor({ items, onRetry, onRemove }: { items: EvidenceItem[]; onRetry: (item: EvidenceItem) => void; onRemove: (item: EvidenceItem) => void }) {
  if (items.length === 0) return null;
  return (
    <View className='evidence-grid'>
      {items.map((item, index) => (
        <View key={item.key} className={`evidence-tile evidence-tile--${item.status}`} data-testid={`evidence-${index}`} data-status={item.status}>
          {item.previewUrl ? (
            <Image className='evidence-tile__image' src={item.previewUrl} mode='aspectFill' />
          ) : (
            <View className='evidence-tile__doc'>
              <Text className='evidence-tile__ext'>{isImageType(item.contentType) ? 'IMG' : 'PDF'}</Text>
              <Text className='evidence-tile__name'>{item.name}</Text>
            </View>
          )}
          {item.status === 'uploading' ? (
            <View className='evidence-tile__overlay'>
              <Text>{item.progress > 0 ? `${Math.floor(item.progress * 100)}%` : '上传中…'}</Text>
            </View>
          ) : null}
          {item.status === 'failed' ? (
            <View className='evidence-tile__overlay evidence-tile__overlay--failed' data-testid='evidence-retry' onClick={() => onRetry(item)}>
              <Text>上传失败</Text>
              <Text className='evidence-tile__retry'>点击重试</Text>
            </View>
          ) : null}
          <Text className='evidence-tile__remove' data-testid='evidence-remove' onClick={() => onRemove(item)}>
            ×
          </Text>
        </View>
      ))}
      {items.some((item) => item.status === 'failed')
        ? items.map((item) =>
            item.status === 'failed' ? (
              <Text key={`err-${item.key}`} className='error-text evidence-error' data-testid='evidence-error'>
                {item.name}：{item.error}
              </Text>
            ) : null,
          )
        : null}
    </View>
  );
}
