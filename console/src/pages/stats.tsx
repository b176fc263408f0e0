import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api/client';
import { Loading, useLoad } from '../components';
import { useI18n } from '../i18n';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

function BarChart({ title, counts }: { title: string; counts: Record<string, number> }) {
  const { term } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const labels = Object.keys(counts);
    const chart = new Chart(canvas.current!, {
      type: 'bar',
      data: { labels: labels.map(term), datasets: [{ label: title, data: labels.map((l) => counts[l]), backgroundColor: '#1d4ed8' }] },
      options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    return () => chart.destroy();
  }, [counts, term]);
  const summary = Object.entries(counts)
    .map(([k, v]) => `${term(k)} ${v}`)
    .join(', ');
  return (
    <figure class="card">
      <figcaption>{title}</figcaption>
      <canvas ref={canvas} role="img" aria-label={`${title}: ${summary}`} height={220} />
    </figure>
  );
}

/** Province statistics (GET /stats) as bar charts, each with a text equivalent. */
export function StatsPage() {
  const { t } = useI18n();
  const { data, error } = useLoad(() => api.GET('/stats'), []);
  if (!data) return <Loading error={error} />;
  return (
    <section>
      <h1>
        {t('stats')} · {t('total')} {data.total}
      </h1>
      <div class="grid">
        <BarChart title={t('byType')} counts={data.byType} />
        <BarChart title={t('byStatus')} counts={data.byStatus} />
        <BarChart title={t('byChannel')} counts={data.byChannel} />
        {/* Cross-province is routing, counted apart from the channel (a case can be online and cross-province). */}
        <BarChart
          title={t('byCrossProvince')}
          counts={{ 'cross-province': data.byCrossProvince.true ?? 0, 'within-province': data.byCrossProvince.false ?? 0 }}
        />
        {/* Filings (a loss report) record a fact and are never decided: counted apart from applications. */}
        <BarChart title={t('byKind')} counts={data.byKind} />
      </div>
    </section>
  );
}
