import { Module, type DynamicModule } from '@nestjs/common';
import { AuthGuard } from './auth/auth.guard';
import type { TokenVerifier } from './auth/token-verifier';
import { CasesController } from './cases/cases.controller';
import type { CaseServices } from './cases/case-services';
import { HealthController, type HealthChecks } from './health/health.controller';
import { CASE_SERVICES, HEALTH, IDEMPOTENCY, LOGGER, METRICS, READ_MODELS, TOKEN_VERIFIER } from './tokens';
import type { ReadModelServices } from './read-models/read-model-services';
import type { Metrics } from './observability/metrics';
import type { Logger } from 'pino';
import { QueuesController } from './read-models/queues.controller';
import { SlaController } from './read-models/sla.controller';
import { StatsController } from './read-models/stats.controller';
import { AdminController } from './admin/admin.controller';
import { ObservabilityController } from './observability/observability.controller';

export interface ApiDependencies {
  verifier: TokenVerifier;
  cases: CaseServices;
  health: HealthChecks;
  readModels: ReadModelServices;
  metrics: Metrics;
  log: Logger;
}

/** The HTTP API; every dependency is handed in, so the same module serves the embedded and server profiles. */
@Module({})
export class ApiModule {
  static register(deps: ApiDependencies): DynamicModule {
    return {
      module: ApiModule,
      controllers: [CasesController, QueuesController, SlaController, StatsController, AdminController, HealthController, ObservabilityController],
      providers: [
        AuthGuard,
        { provide: TOKEN_VERIFIER, useValue: deps.verifier },
        { provide: CASE_SERVICES, useValue: deps.cases },
        { provide: IDEMPOTENCY, useValue: deps.cases.idempotency },
        { provide: HEALTH, useValue: deps.health },
        { provide: READ_MODELS, useValue: deps.readModels },
        { provide: METRICS, useValue: deps.metrics },
        { provide: LOGGER, useValue: deps.log },
      ],
    };
  }
}
