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

  // firebase-admin accepts unsigned ID tokens when FIREBASE_AUTH_EMULATOR_HOST is set (issue 15, finding 1).
  it.each(['FIREBASE_AUTH_EMULATOR_HOST', 'STORAGE_EMULATOR_HOST'])('refuses %s with a real project, naming both variables', (name) => {
    const found = problems(() => loadEngineConfig({ ...good, [name]: '127.0.0.1:9099' })).join('\n');
    expect(found).toMatch(new RegExp(`^BACKUP_PROJECT_ID: expected a project id starting with demo- while ${name} is set.*got "my-app-prod"$`));
  });

  it('takes the project id from GOOGLE_CLOUD_PROJECT for the emulator rule too', () => {
    const env = { GOOGLE_CLOUD_PROJECT: 'my-app-prod', BACKUP_BUCKET_URL: 'gs://my-backups', FIREBASE_AUTH_EMULATOR_HOST: 'localhost:9099' };
    expect(problems(() => loadEngineConfig(env)).join()).toMatch(/BACKUP_PROJECT_ID: .*FIREBASE_AUTH_EMULATOR_HOST is set/);
  });

  it.each([
    ['FIREBASE_AUTH_EMULATOR_HOST', '10.0.0.5:9099'],
    ['FIREBASE_AUTH_EMULATOR_HOST', 'auth.example.com:443'],
    ['FIREBASE_AUTH_EMULATOR_HOST', '  '],
    ['STORAGE_EMULATOR_HOST', 'http://storage.example.com:9199'],
  ])('refuses a non-loopback %s (%j) even for a demo project', (name, value) => {
    const found = problems(() => loadEngineConfig({ BACKUP_PROJECT_ID: 'demo-backup', BACKUP_BUCKET_URL: 'file:///tmp/b', [name]: value })).join();
    expect(found).toMatch(new RegExp(`${name}: expected \\S*host:port on the loopback interface`));
  });

  it('accepts every emulator on loopback for a demo project', () => {
    const cfg = loadEngineConfig({ BACKUP_PROJECT_ID: 'demo-backup', BACKUP_BUCKET_URL: 'file:///tmp/b', FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080', FIREBASE_AUTH_EMULATOR_HOST: 'localhost:9099', STORAGE_EMULATOR_HOST: 'http://127.0.0.1:9199' });
    expect(cfg.emulators).toEqual({ firestoreHost: '127.0.0.1:8080', authHost: 'localhost:9099' });
  });

  it('has public problems that name the variables but not the values given (issue 15, finding 8d)', () => {
    const env = { BACKUP_PROJECT_ID: 'secret-prod-proj', BACKUP_BUCKET_URL: 'file:///home/ops/private-bucket', BACKUP_ALERT_WEBHOOK_URL: 'ftp://hooks.example.com/T0/abc', FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099' };
    const err = (() => {
      try {
        loadEngineConfig(env);
      } catch (e) {
        if (e instanceof ConfigError) return e;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(err.message).toContain('hooks.example.com');
    const shown = err.publicProblems.join('\n');
    expect(shown).toMatch(/BACKUP_ALERT_WEBHOOK_URL: expected an http\(s\) URL/);
    expect(shown).not.toMatch(/hooks\.example\.com|private-bucket|secret-prod-proj|got/);
    const missing = new ConfigError(['BACKUP_BUCKET_URL: expected a bucket URL; it is not set', 'ODD: value file:///x is odd']).publicProblems;
    expect(missing).toEqual(['BACKUP_BUCKET_URL: expected a bucket URL; it is not set', 'ODD: invalid (details in the server log)']);
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
