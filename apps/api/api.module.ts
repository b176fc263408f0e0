import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';
import type { EventStore } from '../../event-store/types';
import type { ProjectionRunner } from '../../projections';
import type { SealingKeys } from '../runtime/sealing/payload-sealing';
import { AccessLogModule } from './access-log/access-log.module';
import { AdminModule } from './admin/admin.module';
import { CalendarModule } from './calendar/calendar.module';
import { ReferenceModule } from './reference/reference.module';
import type { TokenVerifier } from './auth/token-verifier';
import { CasesModule } from './cases/cases.module';
import { CodecModule } from './codec/codec.module';
import { ConsoleModule } from './console/console.module';
import type { ConsoleOptions } from './console/console-options';
import { HealthModule } from './health/health.module';
import type { HealthChecks } from './health/health.controller';
import { createMetrics } from './observability/metrics';
import { ProblemFilter } from './problem/problem.filter';
import { ObservabilityModule } from './observability/observability.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { VerifyModule } from './verify/verify.module';
import { bundledCalendarData, type WorkingCalendarData } from '../../domain';
import {
  CALENDAR_SEED,
  CASE_WORKFLOWS,
  EVENT_STORE,
  HEALTH_CHECKS,
  LOGGER,
  METRICS,
  PROJECTION_RUNNERS,
  IDEMPOTENCY_TTL_MS,
  ALERT_STREAMS_PER_CALLER,
  POSSIBLE_DUPLICATES,
  READ_DB,
  READ_MODEL_TABLES,
  TEMPORAL_CLIENT,
  TOKEN_VERIFIER,
  SEALING_KEYS,
} from './tokens';

/** The current table of a read model (a rebuild swaps tables, so it is asked for on every read). */
export type ReadModelTables = (readModel: string) => string;

/** Where case workflows run, and how fast their SLA clocks tick (tests only scale time). */
export interface CaseWorkflowOptions {
  taskQueue: string;
  timeScale: number;
}

/** What the process hands the API: its connections and parts, which the process opens, owns and closes. */
export interface ApiDependencies {
  verifier: TokenVerifier;
  store: EventStore;
  readDb: SqlExecutor;
  client: Client;
  /** The Temporal sealing keys the client uses: the access log's look-up hashes are keyed from them. */
  sealing: SealingKeys;
  workflows: CaseWorkflowOptions;
  readModels: { runners: Map<string, ProjectionRunner>; tableOf: ReadModelTables };
  health: HealthChecks;
  /** How long stored idempotent answers are replayed (24 h unless configured). */
  idempotencyTtlMs?: number;
  /** Whether openings are checked for possible duplicates (default: yes). */
  possibleDuplicates?: boolean;
  /** The calendar published at first start, when not the bundled one. */
  calendarSeed?: WorkingCalendarData;
  /** Requests per caller per window, and open alert streams per caller (generous defaults when left out). */
  limits?: { max: number; windowMs: number; alertStreamsPerCaller: number; verifyMax?: number };
  /** The origins (the Temporal UI's) whose pages may call the codec server (/codec/decode) from a browser. */
  codecOrigins?: readonly string[];
  /** The web console at /console (left out: no console routes). */
  console?: ConsoleOptions;
}

/** The process's parts under injection tokens, for every feature module to build its services from. */
@Global()
@Module({})
class ApiCoreModule {
  static register(deps: ApiDependencies, log: Logger): DynamicModule {
    const values = [
      { provide: TOKEN_VERIFIER, useValue: deps.verifier },
      { provide: EVENT_STORE, useValue: deps.store },
      { provide: READ_DB, useValue: deps.readDb },
      { provide: TEMPORAL_CLIENT, useValue: deps.client },
      { provide: SEALING_KEYS, useValue: deps.sealing },
      { provide: CASE_WORKFLOWS, useValue: deps.workflows },
      { provide: PROJECTION_RUNNERS, useValue: deps.readModels.runners },
      { provide: READ_MODEL_TABLES, useValue: deps.readModels.tableOf },
      { provide: HEALTH_CHECKS, useValue: deps.health },
      { provide: LOGGER, useValue: log },
      { provide: IDEMPOTENCY_TTL_MS, useValue: deps.idempotencyTtlMs ?? 24 * 3_600_000 },
      { provide: CALENDAR_SEED, useValue: deps.calendarSeed ?? bundledCalendarData },
      { provide: ALERT_STREAMS_PER_CALLER, useValue: deps.limits?.alertStreamsPerCaller ?? 3 },
      { provide: POSSIBLE_DUPLICATES, useValue: deps.possibleDuplicates ?? true },
    ];
    const metrics = {
      provide: METRICS,
      useFactory: createMetrics,
      inject: [PROJECTION_RUNNERS, READ_DB, READ_MODEL_TABLES],
    };
    // Every error, from any module, leaves as problem+json.
    const problems = { provide: APP_FILTER, useFactory: (logger: Logger) => new ProblemFilter(logger), inject: [LOGGER] };
    return { module: ApiCoreModule, providers: [...values, metrics, problems], exports: [...values.map((v) => v.provide), METRICS] };
  }
}

/** The HTTP API: one feature module per area, every dependency handed in, so it serves the embedded and server profiles alike. */
@Module({})
export class ApiModule {
  static register(deps: ApiDependencies, log: Logger): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ApiCoreModule.register(deps, log),
        AccessLogModule,
        CasesModule,
        CodecModule,
        ReadModelsModule,
        AdminModule,
        CalendarModule,
        ReferenceModule,
        HealthModule,
        VerifyModule,
        ObservabilityModule,
        ...(deps.console ? [ConsoleModule.register(deps.console)] : []),
      ],
    };
  }
}
