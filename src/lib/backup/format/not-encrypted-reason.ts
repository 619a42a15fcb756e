/**
 * Why a backup's files are stored without the console's encryption: the caller asked for none, no key was configured
 * (the default follows the configuration), or it is a managed export (Google's format, which the console cannot seal).
 * No imports: the portal shows these reasons, so client bundles include this module.
 */
export const NOT_ENCRYPTED_REASONS = ['not_requested', 'no_key_configured', 'managed_export'] as const;
export type NotEncryptedReason = (typeof NOT_ENCRYPTED_REASONS)[number];
