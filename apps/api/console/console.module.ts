import { Module, type DynamicModule } from '@nestjs/common';
import { CONSOLE_OPTIONS, ConsoleController } from './console.controller';
import type { ConsoleOptions } from './console-options';

/** The web console served by the API itself (no second server). */
@Module({})
export class ConsoleModule {
  static register(options: ConsoleOptions): DynamicModule {
    return { module: ConsoleModule, controllers: [ConsoleController], providers: [{ provide: CONSOLE_OPTIONS, useValue: options }] };
  }
}
