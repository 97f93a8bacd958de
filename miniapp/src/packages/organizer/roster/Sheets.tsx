import { Button, Input, Text } from '@tarojs/components';
import { ATTENDANCE_STATUS_LABELS, ATTENDANCE_STATUSES, type AttendanceStatus } from '@lianyan/shared';
import { BottomSheet } from '@/components/BottomSheet';
import { CharCounter, Choices } from '@/components/FormField';

export type Sheet =
  | { kind: 'none' }
  | { kind: 'mark'; userId: string; name: string; status: AttendanceStatus; reason: string; error: string }
  | { kind: 'cancel'; reason: string; error: string };

type MarkSheetState = Extract<Sheet, { kind: 'mark' }>;
type CancelSheetState = Extract<Sheet, { kind: 'cancel' }>;

interface SheetProps<S> {
  sheet: S;
  onChange: (patch: Partial<S>) => void;
  onClose: () => void;
  onSubmit: () => void;
}

const STATUS_OPTIONS = ATTENDANCE_STATUSES.map((status) => ({ value: status, label: ATTENDANCE_STATUS_LABELS[status] }));

/** 修改签到状态: the organizer sets one person's status with a required reason. */
export function MarkSheet({ sheet, onChange, onClose, onSubmit }: SheetProps<MarkSheetState>) {
  return (
    <BottomSheet title='修改签到状态' sub={sheet.name} testId='mark-sheet' onClose={onClose}>
      <Choices name='mark-status' options={STATUS_OPTIONS} selected={sheet.status} onSelect={(status) => onChange({ status })} />
      <Input
        className='input'
        data-testid='mark-reason'
        value={sheet.reason}
        maxlength={200}
        placeholder='修改原因（必填），例如：已提交请假条'
        onInput={(e) => onChange({ reason: e.detail.value })}
      />
      <CharCounter value={sheet.reason} max={200} testId='mark-reason' />
      {sheet.error ? <Text className='error-text'>{sheet.error}</Text> : null}
      <Button className='btn roster-sheet-submit' data-testid='mark-submit' onClick={onSubmit}>
        确定
      </Button>
    </BottomSheet>
  );
}

/** 取消活动: a reason the attendees will read. */
export function CancelSheet({ sheet, onChange, onClose, onSubmit }: SheetProps<CancelSheetState>) {
  return (
    <BottomSheet title='取消活动' sub='取消后参与的老师会看到活动已取消及原因。' testId='cancel-sheet' onClose={onClose}>
      <Input
        className='input'
        data-testid='cancel-reason'
        value={sheet.reason}
        maxlength={200}
        placeholder='取消原因（必填）'
        onInput={(e) => onChange({ reason: e.detail.value })}
      />
      <CharCounter value={sheet.reason} max={200} testId='cancel-reason' />
      {sheet.error ? <Text className='error-text'>{sheet.error}</Text> : null}
      <Button className='btn btn--danger roster-sheet-submit' data-testid='cancel-submit' onClick={onSubmit}>
        确定取消活动
      </Button>
    </BottomSheet>
  );
}
