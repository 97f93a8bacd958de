import { Button, View } from '@tarojs/components';
import { EmptyState } from '../EmptyState';

interface LoadFailedProps {
  title: string;
  message: string;
  onRetry: () => void;
  testId?: string;
}

/** The card shown when a list could not load: what failed, the server's message, and 重试. */
export function LoadFailed({ title, message, onRetry, testId }: LoadFailedProps) {
  return (
    <View className='card' data-testid={testId}>
      <EmptyState
        title={title}
        hint={message}
        action={
          <Button className='btn' onClick={onRetry}>
            重试
          </Button>
        }
      />
    </View>
  );
}
