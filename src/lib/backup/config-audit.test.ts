// BACKUP_AUDIT_* settings, apart from config.test.ts so each finding's config lines stay in their own file.
import { ConfigError, loadEngineConfig } from './config';

const base = { BACKUP_PROJECT_ID: 'my-app-prod', BACKUP_BUCKET_URL: 'gs://my-backups' };

describe('audit settings', () => {
  it('accept a hex or base64 key of at least 32 bytes and default to a checkpoint every 100 entries', () => {
    const hex = 'ab'.repeat(32);
    expect(loadEngineConfig({ ...base, BACKUP_AUDIT_HMAC_KEY: hex }).audit).toEqual({ hmacKey: Buffer.from(hex, 'hex'), checkpointEvery: 100 });
    const b64 = Buffer.alloc(48, 7).toString('base64');
    expect(loadEngineConfig({ ...base, BACKUP_AUDIT_HMAC_KEY: b64, BACKUP_AUDIT_CHECKPOINT_EVERY: '25' }).audit).toEqual({ hmacKey: Buffer.alloc(48, 7), checkpointEvery: 25 });
    expect(loadEngineConfig(base).audit).toEqual({ hmacKey: undefined, checkpointEvery: 100 });
  });

  it('refuse a short or garbled key naming the variable, without echoing it', () => {
    for (const bad of ['ab'.repeat(16), Buffer.alloc(31).toString('base64'), 'not a key!']) {
      const err = (() => {
        try {
          loadEngineConfig({ ...base, BACKUP_AUDIT_HMAC_KEY: bad });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toMatch(/BACKUP_AUDIT_HMAC_KEY: expected a key of at least 32 bytes, hex or base64/);
      expect((err as ConfigError).message).not.toContain(bad);
    }
    expect(() => loadEngineConfig({ ...base, BACKUP_AUDIT_CHECKPOINT_EVERY: '0' })).toThrow(/BACKUP_AUDIT_CHECKPOINT_EVERY: expected a whole number from 1/);
  });
});
