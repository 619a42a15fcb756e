/**
 * The OpenAPI 3.1 document of the Admin API, generated from the same zod schemas the routes parse with, so the
 * document cannot drift from what the server accepts.
 */
import { z } from 'zod';

import { TOOL } from '../backup/composition';
import {
  ACTION_BODIES,
  ADMIN_ACTIONS,
  auditListQuery,
  auditVerifyQuery,
  backupRef,
  browseDocumentsQuery,
  createBackupRequest,
  drillListQuery,
  jobRef,
  listBackupsQuery,
  listRestoresQuery,
  restoreRef,
  runDrillRequest,
} from '../contracts';

import { ACTION_POLICY } from './actions';
import { SCHEDULER_SECRET_HEADER } from './auth';
import { API_BASE } from './views';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** The dispatcher body: one alternative per action, each its own strict schema plus `action`. */
function actionEnvelopeSchema(): JsonSchema {
  return {
    oneOf: ADMIN_ACTIONS.map((action) => {
      const body = schemaOf(ACTION_BODIES[action]);
      const properties = { action: { const: action }, ...((body.properties as JsonSchema | undefined) ?? {}) };
      const required = ['action', ...((body.required as string[] | undefined) ?? [])];
      return { ...body, title: action, description: `role: ${ACTION_POLICY[action].role}`, properties, required };
    }),
    discriminator: { propertyName: 'action' },
  };
}

/** OpenAPI parameters from a zod object schema (query or path). */
function parameters(schema: z.ZodType, where: 'query' | 'path'): JsonSchema[] {
  const json = schemaOf(schema);
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: s }));
}

const errorResponse = { description: 'An error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const errors = Object.fromEntries(['400', '401', '403', '404', '409', '422', '429', '500', '503'].map((s) => [s, errorResponse]));
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const body = (schema: JsonSchema) => ({ required: true, content: { 'application/json': { schema } } });

function op(summary: string, role: string, extra: JsonSchema): JsonSchema {
  return { summary, description: `Minimum role: ${role}.`, security: [{ firebaseIdToken: [] }, { schedulerSecret: [] }], ...extra, responses: { ...(extra.responses as JsonSchema), ...errors } };
}

/** Builds the document; `serverUrl` is where the API is served. */
export function openApiDocument(serverUrl = '/'): JsonSchema {
  return {
    openapi: '3.1.0',
    info: { title: 'Backup & DR Admin API', version: TOOL.version, description: 'Errors are { error: { code, message, details? } }.' },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        firebaseIdToken: { type: 'http', scheme: 'bearer', bearerFormat: 'Firebase ID token' },
        schedulerSecret: { type: 'apiKey', in: 'header', name: SCHEDULER_SECRET_HEADER },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } } } },
        },
      },
    },
    paths: {
      [API_BASE]: {
        get: op('Dashboard summary', 'viewer', { responses: { 200: ok('Summary') } }),
        post: op('Run an action ({ action, ...body })', 'operator (admin for some actions)', { requestBody: body(actionEnvelopeSchema()), responses: { 200: ok('Done'), 201: ok('Created (update_schedule)'), 202: ok('Job accepted') } }),
      },
      [`${API_BASE}/backups`]: {
        get: op('List backups', 'viewer', { parameters: parameters(listBackupsQuery, 'query'), responses: { 200: ok('A page of backups') } }),
        post: op('Start a backup', 'operator', { requestBody: body(schemaOf(createBackupRequest)), responses: { 202: ok('Job accepted') } }),
      },
      [`${API_BASE}/backups/{backupId}`]: { get: op('Backup detail and manifest', 'viewer', { parameters: parameters(backupRef, 'path'), responses: { 200: ok('Backup') } }) },
      [`${API_BASE}/backups/{backupId}/verify`]: { post: op('Verify a backup', 'operator', { parameters: parameters(backupRef, 'path'), responses: { 200: ok('Findings') } }) },
      [`${API_BASE}/backups/{backupId}/documents`]: {
        get: op('Browse a backup: its collections and a page of one collection\'s documents', 'viewer', { parameters: [...parameters(backupRef, 'path'), ...parameters(browseDocumentsQuery, 'query')], responses: { 200: ok('Collections and document names') } }),
      },
      [`${API_BASE}/backups/{backupId}/documents/{path}`]: {
        get: op('One document of a backup with typed fields (Value JSON); path is the document path, e.g. users/u1', 'viewer', {
          parameters: [...parameters(backupRef, 'path'), { name: 'path', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: ok('Document') },
        }),
      },
      [`${API_BASE}/restores`]: { get: op('List restore jobs', 'viewer', { parameters: parameters(listRestoresQuery, 'query'), responses: { 200: ok('A page of restore jobs') } }) },
      [`${API_BASE}/restores/{restoreId}`]: { get: op('Restore job: state, diff, verification, RTO', 'viewer', { parameters: parameters(restoreRef, 'path'), responses: { 200: ok('Restore job') } }) },
      [`${API_BASE}/drills`]: {
        get: op('Drill reports', 'viewer', { parameters: parameters(drillListQuery, 'query'), responses: { 200: ok('Reports') } }),
        post: op('Start a drill', 'operator', { requestBody: body(schemaOf(runDrillRequest)), responses: { 202: ok('Job accepted') } }),
      },
      [`${API_BASE}/schedules`]: { get: op('Backup schedules', 'viewer', { responses: { 200: ok('Schedules') } }) },
      [`${API_BASE}/retention`]: { get: op('Retention policy and what it would keep or delete now', 'viewer', { responses: { 200: ok('Policy and preview') } }) },
      [`${API_BASE}/jobs/{jobId}`]: { get: op('Job status and progress', 'viewer', { parameters: parameters(jobRef, 'path'), responses: { 200: ok('Job') } }) },
      [`${API_BASE}/jobs/{jobId}/cancel`]: { post: op('Cancel a job', 'operator', { parameters: parameters(jobRef, 'path'), responses: { 200: ok('Job') } }) },
      [`${API_BASE}/audit`]: { get: op('Audit entries', 'viewer', { parameters: parameters(auditListQuery, 'query'), responses: { 200: ok('Entries') } }) },
      [`${API_BASE}/audit/verify`]: { get: op('Verify the audit chain (incremental; full=true from seq 1)', 'viewer', { parameters: parameters(auditVerifyQuery, 'query'), responses: { 200: ok('Chain report') } }) },
      [`${API_BASE}/openapi.json`]: { get: { summary: 'This document', security: [], responses: { 200: ok('OpenAPI 3.1') } } },
    },
  };
}
