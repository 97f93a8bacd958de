import { describe, expect, it } from 'vitest';
import { absoluteUrl, contentTypeOf, errorMessageOfBody, fileNameOf, sizeLabel, uploadName } from './files';

describe('contentTypeOf', () => {
  it('reads the types we take from the extension, in any case', () => {
    expect(contentTypeOf('证书.JPG')).toBe('image/jpeg');
    expect(contentTypeOf('wxfile://tmp_abc.png')).toBe('image/png');
    expect(contentTypeOf('scan.webp')).toBe('image/webp');
    expect(contentTypeOf('结业证书.pdf')).toBe('application/pdf');
  });

  it('is empty for anything else', () => {
    expect(contentTypeOf('notes.docx')).toBe('');
    expect(contentTypeOf('README')).toBe('');
  });
});

describe('fileNameOf', () => {
  it('takes the last part of a path or URL', () => {
    expect(fileNameOf('http://tmp/wx123.jpg?x=1')).toBe('wx123.jpg');
    expect(fileNameOf('C:\\tmp\\a.png')).toBe('a.png');
    expect(fileNameOf('')).toBe('file');
  });
});

describe('uploadName', () => {
  it('keeps short names and cuts long ones in the stem', () => {
    expect(uploadName('  证书.pdf ')).toBe('证书.pdf');
    const long = `${'长'.repeat(120)}.jpeg`;
    const cut = uploadName(long);
    expect(cut).toHaveLength(100);
    expect(cut.endsWith('.jpeg')).toBe(true);
  });
});

describe('sizeLabel', () => {
  it('shows KB under a megabyte and MB with one decimal above', () => {
    expect(sizeLabel(300)).toBe('1 KB');
    expect(sizeLabel(356 * 1024)).toBe('356 KB');
    expect(sizeLabel(2.44 * 1024 * 1024)).toBe('2.4 MB');
  });
});

describe('absoluteUrl', () => {
  it('puts the API origin before a path and leaves full URLs alone', () => {
    expect(absoluteUrl('/__uploads/u1?sig=x', 'https://api.example.cn')).toBe('https://api.example.cn/__uploads/u1?sig=x');
    expect(absoluteUrl('https://bucket.s3.cn-north-1.amazonaws.com.cn/k', 'https://api.example.cn')).toBe('https://bucket.s3.cn-north-1.amazonaws.com.cn/k');
  });
});

describe('errorMessageOfBody', () => {
  it('reads the message of a JSON error, parsed or not', () => {
    expect(errorMessageOfBody('{"code":"UPLOAD_INVALID","message":"文件内容不符"}', '上传失败')).toBe('文件内容不符');
    expect(errorMessageOfBody({ code: 'UPLOAD_TOO_LARGE', message: '文件太大' }, '上传失败')).toBe('文件太大');
  });

  it('falls back for anything else (an S3 XML error, an empty body)', () => {
    expect(errorMessageOfBody('<Error><Code>AccessDenied</Code></Error>', '上传失败')).toBe('上传失败');
    expect(errorMessageOfBody(undefined, '上传失败')).toBe('上传失败');
  });
});
