import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { AttachSessionFilesRequest, PublishExcerptsRequest, reflectionLength, ReflectionSettingsRequest, SaveReflectionRequest } from './index.ts';

describe('reflectionLength', () => {
  it('counts characters other than white space, an emoji as one', () => {
    expect(reflectionLength('同课 异构\n很有启发')).toBe(8);
    expect(reflectionLength('  \t\n')).toBe(0);
    expect(reflectionLength('好👍')).toBe(2);
  });
});

describe('records requests', () => {
  it('keeps a draft by default and trims the text', () => {
    expect(SaveReflectionRequest.parse({ text: '  收获很大  ' })).toEqual({ text: '收获很大', submit: false });
  });

  it('explains bad requests in Chinese', () => {
    const files = AttachSessionFilesRequest.safeParse({ category: 'video', uploadIds: [] });
    expect(files.success).toBe(false);
    if (!files.success) {
      expect(z.flattenError(files.error).fieldErrors).toEqual({ category: ['请选择文件类别'], uploadIds: ['请至少选择一个文件'] });
    }
    const settings = ReflectionSettingsRequest.safeParse({ minLength: -1, deadline: '明天' });
    expect(settings.success).toBe(false);
    if (!settings.success) expect(Object.keys(z.flattenError(settings.error).fieldErrors).sort()).toEqual(['deadline', 'minLength']);
    expect(PublishExcerptsRequest.safeParse({ items: Array.from({ length: 21 }, () => ({ userId: 'u-1' })) }).success).toBe(false);
  });
});
