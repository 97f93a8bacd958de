import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Evidence } from '@lianyan/shared';
import { appConfig } from '@/config';
import { evidencePlatform } from '@/platform/evidence';
import { absoluteUrl, isImageType, sizeLabel } from '@/utils/files';
import { errorMessage } from '@/utils/labels';

function open(file: Evidence) {
  evidencePlatform.open(file).catch((error: unknown) => {
    void Taro.showToast({ title: errorMessage(error, '文件打开失败，请稍后重试'), icon: 'none' });
  });
}

/** Uploaded evidence: image thumbnails and PDF tiles; a tap opens the file. */
export function EvidenceFiles({ files, testId }: { files: readonly Evidence[]; testId?: string }) {
  if (files.length === 0) return null;
  return (
    <View className='evidence-grid' data-testid={testId}>
      {files.map((file) => (
        <View
          key={file.id}
          className='evidence-tile'
          data-testid='evidence-file'
          onClick={(event) => {
            event.stopPropagation();
            open(file);
          }}
        >
          {isImageType(file.contentType) && file.url ? (
            <Image className='evidence-tile__image' src={absoluteUrl(file.url, appConfig.apiBase)} mode='aspectFill' lazyLoad />
          ) : (
            <View className='evidence-tile__doc'>
              <Text className='evidence-tile__ext'>PDF</Text>
              <Text className='evidence-tile__name'>{file.name}</Text>
              <Text className='evidence-tile__size'>{sizeLabel(file.size)}</Text>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
