/** `GET`: the OpenAPI 3.1 document, generated from the zod schemas. Public: it describes, it does not disclose. */
import { json } from '@/lib/api/errors';
import { openApiDocument } from '@/lib/api/openapi';

export const runtime = 'nodejs';
export const dynamic = 'force-static';

export async function GET(): Promise<Response> {
  return json(openApiDocument(), 200, { 'cache-control': 'public, max-age=300' });
}
