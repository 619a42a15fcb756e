import { backupFacts, encryptionLabel } from './backup-result';

describe('encryptionLabel', () => {
  it('says encrypted with the key, or not encrypted with the reason the catalog entry records', () => {
    const label = (result: Record<string, unknown> | null) => encryptionLabel(backupFacts({ result }));
    expect(label({ encrypted: true, keyId: 'k1', notEncryptedReason: null })).toBe('Encrypted (AES-256-GCM, key k1)');
    expect(label({ encrypted: false, keyId: null, notEncryptedReason: 'no_key_configured' })).toBe('Not encrypted (no key configured)');
    expect(label({ encrypted: false, keyId: null, notEncryptedReason: 'not_requested' })).toBe('Not encrypted (not requested)');
    expect(label({ encrypted: false, keyId: null, notEncryptedReason: 'managed_export' })).toBe('Not encrypted (managed export: not encrypted by the console)');
    // Entries written before the reason was recorded, and reasons this portal does not know.
    expect(label({ encrypted: false, keyId: null })).toBe('Not encrypted');
    expect(label({ encrypted: false, notEncryptedReason: 'toString' })).toBe('Not encrypted');
    expect(label(null)).toBe('—');
  });
});
