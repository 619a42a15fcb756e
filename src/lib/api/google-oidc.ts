/**
 * Verifies Cloud Scheduler's Google-signed OIDC tokens with google-auth-library (a dependency of firebase-admin;
 * see the report about declaring it directly). Fetches Google's public keys over the network when first used.
 */
import { OAuth2Client } from 'google-auth-library';

import type { OidcVerifier } from './auth';

export function createGoogleOidcVerifier(client: OAuth2Client = new OAuth2Client()): OidcVerifier {
  return {
    async verify(token, audiences) {
      const ticket = await client.verifyIdToken({ idToken: token, audience: audiences });
      const payload = ticket.getPayload();
      return { email: payload?.email, emailVerified: payload?.email_verified === true };
    },
  };
}
