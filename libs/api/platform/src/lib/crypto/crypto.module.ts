import { Module } from '@nestjs/common';
import { AppConfigModule } from '../config/config.module';
import { TokenHasher } from './token-hasher.service';

/** Keyed token hashes (TokenHasher) for the modules that issue or look up tokens. */
@Module({
  imports: [AppConfigModule],
  providers: [TokenHasher],
  exports: [TokenHasher],
})
export class CryptoModule {}
