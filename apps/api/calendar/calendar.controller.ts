import { Body, Controller, Get, HttpCode, Inject, Param, Put, UseGuards } from '@nestjs/common';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Requires, RolesGuard } from '../auth/roles';
import { Documented } from '../openapi/documented';
import { ProblemError } from '../problem/problem';
import { calendarYearParams, CalendarPublished, CalendarVersions, CalendarYearBody } from '../schemas';
import { valid } from '../validation/zod-validation.pipe';
import { CalendarNotifier } from './calendar-notifier';
import { calendarYearProblems, PublishedCalendars, type CalendarYear } from './published-calendar';

/**
 * The working-day calendar as reference data: an administrator publishes a year when the State Council's
 * holiday notice comes out; open cases whose deadlines it moves record that themselves (DeadlineRecomputed).
 */
@Controller('admin/calendar')
@UseGuards(AuthGuard, RolesGuard)
export class CalendarController {
  constructor(
    @Inject(PublishedCalendars) private readonly calendars: PublishedCalendars,
    @Inject(CalendarNotifier) private readonly notifier: CalendarNotifier,
  ) {}

  @Get()
  @Requires('read-reference-data')
  @Documented({
    summary: 'The published working-day calendar: its version, years and every publication',
    response: { description: 'versions', schema: CalendarVersions },
    errors: [403],
  })
  async list() {
    const [current, publications] = await Promise.all([this.calendars.current(), this.calendars.publications()]);
    return { current: current.version, years: Object.keys(current.years).map(Number), publications };
  }

  // Not idempotent by key: publishing the same dates twice records nothing the second time (changed: false).
  @Put(':year')
  @HttpCode(202)
  @Requires('publish-reference-data')
  @Documented({
    summary: "Publish a year of the working-day calendar (the State Council's holiday notice); open cases recompute the deadlines it moves",
    params: calendarYearParams,
    body: CalendarYearBody,
    response: { description: 'published; cases are being told', schema: CalendarPublished },
    errors: [400, 403, 422],
  })
  async publish(
    @CurrentPrincipal() p: Principal,
    @Param(valid(calendarYearParams)) params: { year: string },
    @Body(valid(CalendarYearBody)) body: CalendarYear,
  ) {
    const year = Number(params.year);
    const problems = calendarYearProblems(year, body);
    if (problems.length > 0) {
      throw new ProblemError(422, `the calendar for ${year} is not valid: ${problems.slice(0, 3).join('; ')}`, {
        errors: problems.map((message) => ({ path: message.split(':')[0], message })),
      });
    }
    const { version, changed } = await this.calendars.publish(year, body, p.id);
    if (changed) this.notifier.schedule();
    return { year, version, changed };
  }
}
