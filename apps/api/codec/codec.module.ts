import { Module } from '@nestjs/common';
import type { SealingKeys } from '../../runtime/sealing/payload-sealing';
import { SEALING_KEYS } from '../tokens';
import { CodecController } from './codec.controller';
import { PayloadDecoder } from './payload-decoder';

/** The codec server the Temporal UI calls to show sealed payloads to authorised staff. */
@Module({
  controllers: [CodecController],
  providers: [{ provide: PayloadDecoder, useFactory: (keys: SealingKeys) => new PayloadDecoder(keys), inject: [SEALING_KEYS] }],
})
export class CodecModule {}
