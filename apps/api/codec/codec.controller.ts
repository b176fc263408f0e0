import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '../auth/auth.guard';
import { Requires, RolesGuard } from '../auth/roles';
import { Documented } from '../openapi/documented';
import { ProblemError } from '../problem/problem';
import { CodecPayloads, type CodecPayloadsBody } from '../schemas';
import { valid } from '../validation/zod-validation.pipe';
import { PayloadDecoder } from './payload-decoder';

/**
 * A codec server for the Temporal UI (https://docs.temporal.io/production-deployment/data-encryption): the UI
 * posts the sealed payloads of the page it shows, with the viewer's token, and gets them back opened. Only
 * supervisors may; every call is in the access log (apps/api/access-log). It never seals: see encode.
 */
@Controller('codec')
@UseGuards(AuthGuard, RolesGuard)
export class CodecController {
  constructor(private readonly decoder: PayloadDecoder) {}

  @Post('decode')
  @HttpCode(200)
  @Requires('decode-temporal-payloads')
  @Documented({
    summary: 'Open sealed Temporal payloads for the Temporal UI (supervisors; every call in the access log)',
    body: CodecPayloads,
    response: { description: 'the payloads opened; any not sealed, or sealed with a key this installation does not hold, as they came', schema: CodecPayloads },
    errors: [400, 403],
  })
  async decode(@Body(valid(CodecPayloads)) body: CodecPayloadsBody) {
    return { payloads: (await this.decoder.decode(body.payloads)).payloads };
  }

  /**
   * Refused by design, for everyone. The worker accepts only sealed payloads, so that nothing reaches a case
   * but through the API, with its token, access checks, validation and audit. A codec server that sealed
   * would hand that key to any UI user: an update or signal composed in the UI, sealed here, would act on a
   * case past all of it. Staff act on cases through the API (or the console), never through Temporal.
   */
  @Post('encode')
  @HttpCode(200)
  @Requires('decode-temporal-payloads')
  @Documented({
    summary: 'Refused by design: payloads are sealed only by the API when it sends a command (403 for everyone)',
    body: CodecPayloads,
    response: { description: 'never given' },
    errors: [403],
  })
  encode(): never {
    throw new ProblemError(403, 'casework seals payloads only for the commands it sends itself: act on a case through the API, not through Temporal');
  }
}
