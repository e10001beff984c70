import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseModule } from '../database/database.module';
import { RedisModule } from '../redis/redis.module';
import { HealthController } from './health.controller';
import { RedisHealthIndicator } from './redis-health.indicator';

/** /health/live and /health/ready (PostgreSQL and Redis answer). */
@Module({
  imports: [
    DatabaseModule,
    RedisModule,
    TerminusModule.forRoot({ errorLogStyle: 'json', logger: false }),
  ],
  controllers: [HealthController],
  providers: [RedisHealthIndicator],
})
export class HealthModule {}
