import { portalAuthEndpoint } from './auth-endpoint';

// The portal's "not configured" page is shown before anyone signs in (issue 15, finding 8d).
describe('the portal sign-in endpoint', () => {
  const broken = {
    BACKUP_PROJECT_ID: 'acme-payments-prod',
    BACKUP_BUCKET_URL: 's3://acme-private-bucket/backups',
    BACKUP_ALERT_WEBHOOK_URL: 'ftp://hooks.example.com/services/T000/B000/xyz',
    FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099',
  };

  it('names the wrong variables and what they expect, not the values given; the server log gets those', () => {
    const logged: string[] = [];
    const result = portalAuthEndpoint(broken, (line) => logged.push(line));
    if (!('configError' in result)) throw new Error('expected a configuration error');
    const shown = result.configError.join('\n');
    expect(shown).toMatch(/BACKUP_BUCKET_URL: expected a bucket URL/);
    expect(shown).toMatch(/BACKUP_ALERT_WEBHOOK_URL: expected an http\(s\) URL/);
    expect(shown).not.toMatch(/acme|hooks\.example\.com|xyz/);
    expect(logged.join('\n')).toContain('hooks.example.com');
  });

  it('answers the endpoint when the configuration is valid', () => {
    const result = portalAuthEndpoint({ BACKUP_PROJECT_ID: 'demo-portal', BACKUP_BUCKET_URL: 'file:///tmp/b', FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099' });
    expect(result).toEqual({ endpoint: { apiKey: 'demo-api-key', emulatorHost: '127.0.0.1:9099' }, projectId: 'demo-portal' });
  });
});
