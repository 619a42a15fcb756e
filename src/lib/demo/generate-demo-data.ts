/**
 * Deterministic demo dataset: a small e-commerce app with every Firestore value type in it.
 *
 * Output is the logical format's `DocumentJson` (Firestore REST Value JSON), so the exact values are known without a
 * database and tests can compare what was written with what a backup or restore reads back. The same seed and size
 * always give the same documents, in the same order.
 */
import type { DocumentJson, FirestoreValueJson } from '../backup';

import { createRng, type Rng } from './rng';
import * as v from './values';

export interface DemoOptions {
  /** Total number of documents to generate (at least 10). */
  documents: number;
  seed: number;
  /** Used in reference values: `projects/{projectId}/databases/{databaseId}/documents/...`. */
  projectId: string;
  databaseId?: string;
}

/** How the total is split between collections (the rest goes to users/{id}/events). */
const SHARE = { products: 0.05, users: 0.15, orders: 0.15, lineItems: 0.2 } as const;
/** Fixed documents: the all-types document, a 4-level deep chain and subcollections under missing parents. */
const FIXED_DOCS = 8;
const BASE_EPOCH_S = 1_767_225_600; // 2026-01-01T00:00:00Z: demo timestamps fall in 2026.

interface Ctx {
  rng: Rng;
  ref: (path: string) => FirestoreValueJson;
}

/**
 * A price-like double. Never integral: the Admin SDK writes integral JS numbers as integers, and the demo data must be
 * stored exactly as generated whichever writer seeds it.
 */
function money(rng: Rng, min: number, max: number): FirestoreValueJson {
  const cents = Math.round(rng.float(min, max) * 100);
  return v.dbl((cents % 100 === 0 ? cents + 1 : cents) / 100);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function product(ctx: Ctx, i: number): DocumentJson {
  const { rng } = ctx;
  return {
    name: `products/p-${pad(i, 5)}`,
    fields: {
      name: v.str(`${rng.pick(['Trail', 'City', 'Aero', 'Nordic', 'Studio'])} ${rng.pick(['Backpack', 'Lamp', 'Mug', 'Jacket', 'Desk'])} ${i}`),
      sku: v.str(`SKU-${pad(i, 6)}`),
      price: money(rng, 1, 500),
      stock: v.int(rng.int(0, 5000)),
      active: v.bool(rng.chance(0.9)),
      tags: v.arr(rng.sample(['outdoor', 'home', 'sale', 'new', 'eco', 'gift'], rng.int(0, 3)).map(v.str)),
      dimensions: v.map({ widthCm: v.dbl(rng.float(5, 100)), heightCm: v.dbl(rng.float(5, 100)), weightKg: v.dbl(rng.float(0.1, 20)) }),
      thumbnail: v.bytes(rng.bytes(16)),
      embedding: v.vector([rng.float(-1, 1), rng.float(-1, 1), rng.float(-1, 1), rng.float(-1, 1)]),
      createdAt: v.ts(BASE_EPOCH_S + rng.int(0, 300 * 86_400), rng.int(0, 999_999) * 1000),
    },
  };
}

function user(ctx: Ctx, i: number): DocumentJson {
  const { rng } = ctx;
  const first = rng.pick(['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances']);
  return {
    name: `users/u-${pad(i, 6)}`,
    fields: {
      displayName: v.str(`${first} ${rng.pick(['Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov'])}`),
      email: v.str(`${first.toLowerCase()}.${i}@example.com`),
      age: v.int(rng.int(18, 90)),
      balance: money(rng, -100, 10_000),
      verified: v.bool(rng.chance(0.7)),
      home: v.geo(rng.float(-90, 90), rng.float(-180, 180)),
      lastLogin: v.ts(BASE_EPOCH_S + rng.int(0, 320 * 86_400), rng.int(0, 999_999_999)),
      roles: v.arr(rng.chance(0.1) ? [v.str('admin'), v.str('user')] : [v.str('user')]),
      prefs: v.map({ theme: v.str(rng.pick(['light', 'dark'])), notifications: v.map({ email: v.bool(rng.chance(0.5)), push: v.bool(rng.chance(0.5)) }) }),
      deletedAt: v.nul(),
      // A 64-bit id beyond 2^53: survives only if integers are kept as strings end to end.
      externalId: v.int((9_007_199_254_740_993n + BigInt(i) * 7n).toString()),
    },
  };
}

function order(ctx: Ctx, i: number, users: number, products: number): DocumentJson {
  const { rng } = ctx;
  const items = Array.from({ length: rng.int(1, 4) }, () =>
    v.map({ product: ctx.ref(`products/p-${pad(rng.int(1, products), 5)}`), qty: v.int(rng.int(1, 5)), unitPrice: v.dbl(rng.float(1, 500)) }),
  );
  return {
    name: `orders/o-${pad(i, 6)}`,
    fields: {
      customer: ctx.ref(`users/u-${pad(rng.int(1, users), 6)}`),
      status: v.str(rng.pick(['placed', 'paid', 'shipped', 'delivered', 'refunded'])),
      total: money(rng, 5, 2_000),
      items: v.arr(items),
      placedAt: v.ts(BASE_EPOCH_S + rng.int(0, 320 * 86_400), rng.int(0, 999_999) * 1000),
      shipping: v.map({ address: v.str(`${rng.int(1, 999)} Main St`), location: v.geo(rng.float(-60, 60), rng.float(-120, 120)) }),
      notes: rng.chance(0.2) ? v.str('leave at the door') : v.nul(),
    },
  };
}

function lineItem(ctx: Ctx, i: number, orders: number, products: number): DocumentJson {
  const { rng } = ctx;
  return {
    name: `orders/o-${pad(1 + (i % orders), 6)}/lineItems/li-${pad(i, 6)}`,
    fields: {
      product: ctx.ref(`products/p-${pad(rng.int(1, products), 5)}`),
      qty: v.int(rng.int(1, 9)),
      unitPrice: v.dbl(rng.float(1, 500)),
      discounts: v.arr([]),
    },
  };
}

function event(ctx: Ctx, i: number, users: number): DocumentJson {
  const { rng } = ctx;
  return {
    name: `users/u-${pad(1 + (i % users), 6)}/events/e-${pad(i, 7)}`,
    fields: {
      type: v.str(rng.pick(['login', 'view', 'add_to_cart', 'checkout', 'logout'])),
      at: v.ts(BASE_EPOCH_S + rng.int(0, 320 * 86_400), rng.int(0, 999_999) * 1000),
      payload: rng.chance(0.3) ? v.map({}) : v.map({ page: v.str(`/p/${rng.int(1, 999)}`), ms: v.int(rng.int(1, 5_000)) }),
    },
  };
}

/** One document with every Firestore value type, edge cases included. */
function allTypes(ctx: Ctx): DocumentJson {
  return {
    name: 'types/all-values',
    fields: {
      string: v.str('héllo wörld ✓ — "quoted" \n newline'),
      emptyString: v.str(''),
      int: v.int('42'),
      intBeyond2p53: v.int('9007199254740993'),
      int64Max: v.int('9223372036854775807'),
      int64Min: v.int('-9223372036854775808'),
      double: v.dbl(3.141592653589793),
      nan: v.dbl('NaN'),
      posInf: v.dbl('Infinity'),
      negInf: v.dbl('-Infinity'),
      negZero: v.dbl('-0'),
      boolTrue: v.bool(true),
      boolFalse: v.bool(false),
      null: v.nul(),
      timestampNanos: v.ts(BASE_EPOCH_S + 123, 456_789_123),
      geo: v.geo(48.8566, 2.3522),
      bytes: v.bytes(Buffer.from([0, 1, 2, 253, 254, 255])),
      reference: ctx.ref('users/u-000001'),
      array: v.arr([v.int('1'), v.str('two'), v.dbl(3.5), v.nul(), v.map({ nested: v.bool(true) })]),
      map: v.map({ a: v.map({ b: v.map({ c: v.str('deep') }) }), list: v.arr([v.map({ inner: v.arr([]) })]) }),
      emptyMap: v.map({}),
      emptyArray: v.arr([]),
      vector: v.vector([0.25, -1, 3.5]),
    },
  };
}

function fixedDocuments(ctx: Ctx): DocumentJson[] {
  const deep = 'orgs/acme/teams/platform/projects/backup/tasks/t-0001';
  return [
    allTypes(ctx),
    { name: 'orgs/acme', fields: { name: v.str('ACME Corp') } },
    { name: 'orgs/acme/teams/platform', fields: { name: v.str('Platform') } },
    { name: 'orgs/acme/teams/platform/projects/backup', fields: { name: v.str('Backup & DR') } },
    { name: deep, fields: { title: v.str('Rehearse a restore'), done: v.bool(false), owner: ctx.ref('users/u-000001') } },
    // Parents `archive/2025` and `archive/2025/months/01` do not exist: only their subcollections do.
    { name: 'archive/2025/months/01', fields: { closed: v.bool(true) } },
    { name: 'archive/2025/months/01/reports/r-1', fields: { revenue: v.dbl(125_000.5) } },
    { name: 'ghosts/missing-parent/children/c-1', fields: { note: v.str('my parent document does not exist') } },
  ];
}

/** Number of documents per generated collection for a total size. */
export function demoPlan(total: number): { products: number; users: number; orders: number; lineItems: number; events: number; fixed: number } {
  if (!Number.isInteger(total) || total < 10 + FIXED_DOCS) throw new RangeError(`demo dataset needs at least ${10 + FIXED_DOCS} documents`);
  const n = total - FIXED_DOCS;
  const products = Math.max(1, Math.floor(n * SHARE.products));
  const users = Math.max(1, Math.floor(n * SHARE.users));
  const orders = Math.max(1, Math.floor(n * SHARE.orders));
  const lineItems = Math.floor(n * SHARE.lineItems);
  return { products, users, orders, lineItems, events: n - products - users - orders - lineItems, fixed: FIXED_DOCS };
}

/** Yields the demo documents, lazily, so very large sizes stream in bounded memory. */
export function* generateDemoData(opts: DemoOptions): Generator<DocumentJson> {
  const plan = demoPlan(opts.documents);
  const db = `projects/${opts.projectId}/databases/${opts.databaseId ?? '(default)'}/documents`;
  const ctx: Ctx = { rng: createRng(opts.seed), ref: (path) => v.ref(`${db}/${path}`) };
  yield* fixedDocuments(ctx);
  for (let i = 1; i <= plan.products; i++) yield product(ctx, i);
  for (let i = 1; i <= plan.users; i++) yield user(ctx, i);
  for (let i = 1; i <= plan.orders; i++) yield order(ctx, i, plan.users, plan.products);
  for (let i = 1; i <= plan.lineItems; i++) yield lineItem(ctx, i, plan.orders, plan.products);
  for (let i = 1; i <= plan.events; i++) yield event(ctx, i, plan.users);
}
