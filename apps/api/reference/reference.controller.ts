import { Body, Controller, Get, HttpCode, Inject, Param, Put, UseGuards } from '@nestjs/common';
import type { ReferenceName } from '../../../domain';
import { AuthGuard, CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { Requires, RolesGuard } from '../auth/roles';
import { Documented } from '../openapi/documented';
import { ProblemError } from '../problem/problem';
import { ReferenceBody, ReferenceCurrent, ReferencePublished, referenceParams, ReferenceVersions } from '../schemas';
import { valid } from '../validation/zod-validation.pipe';
import { PublishedReference, referenceProblems } from './published-reference';

/** Versioned reference data: admission tables, city populations, metropolitan groups, photo ages. */
@Controller('admin/reference')
@UseGuards(AuthGuard, RolesGuard)
export class ReferenceController {
  constructor(@Inject(PublishedReference) private readonly reference: PublishedReference) {}

  @Get()
  @Requires('read-reference-data')
  @Documented({
    summary: 'Every reference table: its version in force and its publications',
    response: { description: 'tables', schema: ReferenceVersions },
    errors: [403],
  })
  async list() {
    return { tables: await this.reference.list() };
  }

  @Get(':name')
  @Requires('read-reference-data')
  @Documented({
    summary: 'One reference table as in force now',
    params: referenceParams,
    response: { description: 'the table', schema: ReferenceCurrent },
    errors: [400, 403],
  })
  async current(@Param(valid(referenceParams, 'path')) { name }: { name: ReferenceName }) {
    return { name, ...(await this.reference.current(name)) };
  }

  @Put(':name')
  @HttpCode(202)
  @Requires('publish-reference-data')
  @Documented({
    summary: 'Publish a new version of a reference table; cases lodged from now on decide with it',
    params: referenceParams,
    body: ReferenceBody,
    response: { description: 'published', schema: ReferencePublished },
    errors: [400, 403, 422],
  })
  async publish(
    @CurrentPrincipal() p: Principal,
    @Param(valid(referenceParams, 'path')) { name }: { name: ReferenceName },
    @Body(valid(ReferenceBody)) body: { data: unknown; source: string },
  ) {
    const problems = referenceProblems(name, body.data);
    if (problems.length > 0) {
      throw new ProblemError(
        422,
        `the ${name} table is not valid: ${problems
          .slice(0, 3)
          .map((e) => `${e.path}: ${e.message}`)
          .join('; ')}`,
        { errors: problems },
      );
    }
    return { name, ...(await this.reference.publish(name, body.data, body.source, p.id)) };
  }
}
