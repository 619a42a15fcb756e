import { ConfigError, loadEngineConfig, loadLocalStackConfig } from './config';

const good = { BACKUP_PROJECT_ID: 'my-app-prod', BACKUP_BUCKET_URL: 'gs://my-backups/firestore' };

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('engine config', () => {
  it('parses a minimal environment with documented defaults', () => {
    const cfg = loadEngineConfig(good);
    expect(cfg).toMatchObject({
      projectId: 'my-app-prod',
      databaseId: '(default)',
      bucketUrl: 'gs://my-backups/firestore',
      retention: { keepLast: 7, daily: 14, weekly: 8, monthly: 12, maxAgeDays: 400 },
      rpoTargetHours: 24,
      requireSecondApproval: false,
      operatorDatabasePrefix: 'restore-',
    });
    expect(cfg.encryption).toBeUndefined();
    expect(cfg.trustedProxyHops).toBe(0);
    expect(loadEngineConfig({ ...good, BACKUP_TRUSTED_PROXY_HOPS: '1' }).trustedProxyHops).toBe(1);
  });

  it('takes the project id from GOOGLE_CLOUD_PROJECT when BACKUP_PROJECT_ID is unset', () => {
    expect(loadEngineConfig({ GOOGLE_CLOUD_PROJECT: 'other-proj', BACKUP_BUCKET_URL: 'file:///tmp/b' }).projectId).toBe('other-proj');
  });

  it('decodes the encryption key and keeps its id', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const cfg = loadEngineConfig({ ...good, BACKUP_ENCRYPTION_KEY: key, BACKUP_ENCRYPTION_KEY_ID: 'k-2026' });
    expect(cfg.encryption?.keyId).toBe('k-2026');
    expect(cfg.encryption?.key.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it.each([
    ['BACKUP_PROJECT_ID', { BACKUP_PROJECT_ID: 'Bad_Project' }, /BACKUP_PROJECT_ID: expected a Google Cloud project id/],
    ['BACKUP_BUCKET_URL', { BACKUP_BUCKET_URL: 's3://nope' }, /BACKUP_BUCKET_URL: expected a bucket URL.*got "s3:\/\/nope"/],
    ['BACKUP_RETENTION_KEEP_LAST', { BACKUP_RETENTION_KEEP_LAST: 'seven' }, /BACKUP_RETENTION_KEEP_LAST: expected a whole number from 1 to 10000; got "seven"/],
    ['BACKUP_RPO_TARGET_HOURS', { BACKUP_RPO_TARGET_HOURS: '0' }, /BACKUP_RPO_TARGET_HOURS: expected a whole number/],
    ['BACKUP_STAGING_TARGET', { BACKUP_STAGING_TARGET: 'prod' }, /BACKUP_STAGING_TARGET: expected project:<projectId>/],
    ['BACKUP_OPERATOR_DATABASE_PREFIX', { BACKUP_OPERATOR_DATABASE_PREFIX: 'Restore_' }, /BACKUP_OPERATOR_DATABASE_PREFIX: expected the start of a database id.*got "Restore_"/],
    ['BACKUP_ALERT_WEBHOOK_URL', { BACKUP_ALERT_WEBHOOK_URL: 'ftp://x' }, /BACKUP_ALERT_WEBHOOK_URL: expected an http\(s\) URL/],
    ['FIRESTORE_EMULATOR_HOST', { FIRESTORE_EMULATOR_HOST: '10.0.0.5:8080' }, /FIRESTORE_EMULATOR_HOST: expected host:port on the loopback/],
    ['BACKUP_REQUIRE_SECOND_APPROVAL', { BACKUP_REQUIRE_SECOND_APPROVAL: 'yes' }, /expected true or false/],
    ['BACKUP_TRUSTED_PROXY_HOPS', { BACKUP_TRUSTED_PROXY_HOPS: '-1' }, /BACKUP_TRUSTED_PROXY_HOPS: expected a whole number from 0 to 16; got "-1"/],
    ['BACKUP_TRUSTED_PROXY_HOPS', { BACKUP_TRUSTED_PROXY_HOPS: 'one' }, /BACKUP_TRUSTED_PROXY_HOPS: expected a whole number from 0 to 16; got "one"/],
  ])('names %s and what it expected when it is wrong', (_name, bad, message) => {
    const found = problems(() => loadEngineConfig({ ...good, ...bad }));
    expect(found.join('\n')).toMatch(message);
  });

  it('redacts secrets in its messages', () => {
    const found = problems(() => loadEngineConfig({ ...good, BACKUP_ENCRYPTION_KEY: 'too-short-secret' }));
    expect(found.join('\n')).toMatch(/BACKUP_ENCRYPTION_KEY: expected a base64-encoded 32-byte key.*<redacted>/);
    expect(found.join('\n')).not.toMatch(/too-short-secret/);
  });

  it('reports every problem at once, including a missing bucket', () => {
    const found = problems(() => loadEngineConfig({ BACKUP_PROJECT_ID: 'x' }));
    expect(found).toHaveLength(2);
    expect(found.join('\n')).toMatch(/BACKUP_BUCKET_URL: .*it is not set/);
  });

  it('refuses a non-demo project while pointed at the emulator', () => {
    expect(problems(() => loadEngineConfig({ ...good, FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080' })).join()).toMatch(/starting with demo-/);
  });
});

describe('local stack config', () => {
  it('has working defaults', () => {
    expect(loadLocalStackConfig({})).toMatchObject({ LOCAL_PROJECT_ID: 'demo-backup', DEMO_DOCS: 10_000, PORT: 3000 });
  });

  it('refuses a non-demo local project and a bad port', () => {
    const found = problems(() => loadLocalStackConfig({ LOCAL_PROJECT_ID: 'my-prod-app', PORT: '99999' }));
    expect(found.join('\n')).toMatch(/LOCAL_PROJECT_ID: expected a project id starting with demo-/);
    expect(found.join('\n')).toMatch(/PORT: expected a whole number from 1 to 65535; got "99999"/);
  });
});
