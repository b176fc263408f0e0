/** Times are shown in China time, whatever the browser's zone. */
const formats = {
  zh: new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' }),
};

export function shanghaiTime(iso: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formats[lang].format(d);
}

/** A new Idempotency-Key. */
export const newKey = () => crypto.randomUUID();
