'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../session/session-provider';
import { callApi, type ApiFailure, type ApiRequest, type ApiResult } from './api-client';

export interface ApiQuery<T> {
  /** The last good answer; kept while a reload or poll is in flight so the page does not jump. */
  data: T | undefined;
  /** The last failure; cleared by the next good answer. */
  error: ApiFailure | undefined;
  /** True until the first answer (good or bad) arrives. */
  loading: boolean;
  reload(): void;
}

export interface ApiQueryOptions<T> {
  /** Poll interval for the current data, or undefined to stop polling (e.g. once no job is running). */
  pollMs?: (data: T | undefined) => number | undefined;
}

/**
 * GETs `path` with the session's token, on mount and whenever `path` changes (`null` = don't fetch). A 401 signs
 * the user out with a notice: the token was revoked or expired beyond refresh.
 */
export function useApiQuery<T>(path: string | null, opts: ApiQueryOptions<T> = {}): ApiQuery<T> {
  const { getToken, signOut } = useSession();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiFailure | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const pollMs = useRef(opts.pollMs);
  pollMs.current = opts.pollMs;

  useEffect(() => {
    if (path === null) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async (): Promise<void> => {
      const result = await callApi<T>(path, await getToken(), { signal: abort.signal });
      if (abort.signal.aborted) return;
      setLoading(false);
      if (result.ok) {
        setData(result.data);
        setError(undefined);
      } else {
        setError(result.error);
        if (result.error.kind === 'unauthenticated') signOut('Your session is no longer valid: sign in again.');
      }
      const next = pollMs.current?.(result.ok ? result.data : undefined);
      if (next !== undefined) timer = setTimeout(() => void run().catch(() => undefined), next);
    };
    run().catch(() => undefined);
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [path, tick, getToken, signOut]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

export interface ApiMutation {
  /** True while a call is in flight (to disable the button that started it). */
  pending: boolean;
  call<T>(path: string, req: ApiRequest): Promise<ApiResult<T>>;
}

/** POSTs (or other writes) with the session's token; the caller decides what to show from the result. */
export function useApiMutation(): ApiMutation {
  const { getToken, signOut } = useSession();
  const [pending, setPending] = useState(false);
  const call = useCallback(
    async <T,>(path: string, req: ApiRequest): Promise<ApiResult<T>> => {
      setPending(true);
      try {
        const result = await callApi<T>(path, await getToken(), { method: 'POST', ...req });
        if (!result.ok && result.error.kind === 'unauthenticated') signOut('Your session is no longer valid: sign in again.');
        return result;
      } finally {
        setPending(false);
      }
    },
    [getToken, signOut],
  );
  return { pending, call };
}
