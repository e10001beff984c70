import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { OutboxMessage } from './outbox-message.entity';
import { Outbox } from './outbox.service';

/** The outbox writer (Outbox) for modules that queue mail inside their transaction. */
@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    TypeOrmModule.forFeature([OutboxMessage]),
  ],
  providers: [Outbox],
  exports: [Outbox],
})
export class OutboxModule {}
