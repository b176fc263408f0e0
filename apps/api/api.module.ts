import { Module, type DynamicModule } from '@nestjs/common';
import { AuthGuard } from './auth/auth.guard';
import type { TokenVerifier } from './auth/token-verifier';
import { CasesController } from './cases/cases.controller';
import type { CaseServices } from './cases/case-services';
import { HealthController, type HealthChecks } from './health/health.controller';
import { CASE_SERVICES, HEALTH, TOKEN_VERIFIER } from './tokens';

export interface ApiDependencies {
  verifier: TokenVerifier;
  cases: CaseServices;
  health: HealthChecks;
}

/** The HTTP API; every dependency is handed in, so the same module serves the embedded and server profiles. */
@Module({})
export class ApiModule {
  static register(deps: ApiDependencies): DynamicModule {
    return {
      module: ApiModule,
      controllers: [CasesController, HealthController],
      providers: [
        AuthGuard,
        { provide: TOKEN_VERIFIER, useValue: deps.verifier },
        { provide: CASE_SERVICES, useValue: deps.cases },
        { provide: HEALTH, useValue: deps.health },
      ],
    };
  }
}
