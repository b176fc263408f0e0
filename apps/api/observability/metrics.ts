import { actionsOf, caseTypes } from '../../../domain';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SqlExecutor } from '../../../event-store/postgres/sql-client';
import type { ProjectionRunner } from '../../../projections';
import { countOpenCases } from '../../../projections/cases/count-open-cases';

export interface Metrics {
  registry: Registry;
  observeRequest(method: string, route: string, status: number, seconds: number, action?: string): void;
}

const ACTION_ROUTE = '/cases/:caseId/actions/:action';
const KNOWN_ACTIONS = new Set(Object.values(caseTypes).flatMap((m) => [...actionsOf(m).keys()]));

/** Prometheus metrics: request latency by route, command outcomes, projection lag, open cases by SLA state. */
export function createMetrics(runners: Map<string, ProjectionRunner>, readDb: SqlExecutor, tableOf: (readModel: string) => string): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const latency = new Histogram({
    name: 'casework_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const commands = new Counter({
    name: 'casework_commands_total',
    help: 'Case commands by action and outcome (HTTP status)',
    labelNames: ['action', 'outcome'],
    registers: [registry],
  });
  new Gauge({
    name: 'casework_projection_lag_events',
    help: 'Events not yet applied, per projection',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      for (const [name, runner] of runners) this.set({ projection: name }, (await runner.lag()).events);
    },
  });
  new Gauge({
    name: 'casework_projection_lag_seconds',
    help: 'Age of the oldest event not yet applied, per projection',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      for (const [name, runner] of runners) this.set({ projection: name }, (await runner.lag()).ms / 1000);
    },
  });
  new Gauge({
    name: 'casework_open_cases',
    help: 'Open cases by type and worst SLA state',
    labelNames: ['type', 'sla'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await countOpenCases(readDb, tableOf('cases'));
      for (const r of rows) this.set({ type: r.type, sla: r.sla }, r.count);
    },
  });
  return {
    registry,
    observeRequest(method, route, status, seconds, action) {
      latency.observe({ method, route, status: String(status) }, seconds);
      // Only known action names become labels: a caller cannot blow up the series count with made-up ones.
      if (route === ACTION_ROUTE && method === 'POST') commands.inc({ action: KNOWN_ACTIONS.has(action ?? '') ? action! : 'unknown', outcome: String(status) });
      if (route === '/cases' && method === 'POST') commands.inc({ action: 'open', outcome: String(status) });
    },
  };
}
