import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { problemText } from './api/client';
import { useI18n } from './i18n';

/** An SLA state as colour AND text (never colour alone). */
export function SlaBadge({ state }: { state: string }) {
  const { term } = useI18n();
  return <span class={`badge sla-${state}`}>{term(state)}</span>;
}

/** The most pressing of a case's clocks: breached, then at risk, then the nearest deadline. */
export function worstState(sla: { state: string }[]): string {
  for (const s of ['breached', 'at-risk', 'on-track', 'paused']) if (sla.some((c) => c.state === s)) return s;
  return 'none';
}

/** Loads something for a page; `reload` fetches it again. */
export function useLoad<T>(load: () => Promise<{ data?: T; error?: unknown }>, deps: unknown[]) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const reload = useCallback(async () => {
    const r = await load();
    if (r.error || r.data === undefined) setError(problemText(r.error));
    else {
      setError(undefined);
      setData(r.data);
    }
  }, deps);
  useEffect(() => void reload(), [reload]);
  return { data, error, reload, setData };
}

export function Loading({ error, children }: { error?: string; children?: ComponentChildren }) {
  const { t } = useI18n();
  if (error)
    return (
      <p class="form-error" role="alert">
        {error}
      </p>
    );
  return <>{children ?? <p aria-busy="true">{t('loading')}</p>}</>;
}
