import { gcsUrl, parseGcsUrl } from './gcs-url';

describe('parseGcsUrl', () => {
  it.each([
    ['gs://my-bucket', { bucket: 'my-bucket', prefix: '' }],
    ['gs://my-bucket/', { bucket: 'my-bucket', prefix: '' }],
    ['gs://my-bucket/backups', { bucket: 'my-bucket', prefix: 'backups' }],
    ['gs://my-bucket/backups/prod/', { bucket: 'my-bucket', prefix: 'backups/prod' }],
    ['gs://my.bucket_1/x', { bucket: 'my.bucket_1', prefix: 'x' }],
  ])('%s', (url, loc) => {
    expect(parseGcsUrl(url)).toEqual(loc);
    expect(gcsUrl(loc)).toBe(url.replace(/\/$/, ''));
  });

  it.each([
    ['s3://bucket/x', 'expected gs://bucket/prefix'],
    ['gs:/bucket', 'expected gs://bucket/prefix'],
    ['gs://', '"" is not a valid bucket name'],
    ['gs://My-Bucket', '"My-Bucket" is not a valid bucket name'],
    ['gs://ab', '"ab" is not a valid bucket name'],
    ['gs://-bucket', '"-bucket" is not a valid bucket name'],
    ['gs://192.168.1.1', '"192.168.1.1" is not a valid bucket name'],
    ['gs://goog-backups', '"goog-backups" is not a valid bucket name'],
    ['gs://bucket//x', 'prefix "/x" is not a valid object path'],
    ['gs://bucket/a/../b', 'prefix "a/../b" is not a valid object path'],
    ['gs://bucket/a\nb', 'prefix "a\\nb" is not a valid object path'],
  ])('refuses %j: %s', (url, reason) => {
    expect(() => parseGcsUrl(url)).toThrow(expect.objectContaining({ code: 'invalid_argument', details: { url, reason } }));
  });
});
