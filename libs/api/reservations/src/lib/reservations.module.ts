import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@foyer/api/audit';
import { Performance } from './entities/performance.entity';
import { Room } from './entities/room.entity';
import { PerformancesController } from './performances.controller';
import { PerformancesService } from './performances.service';
import { RoomsController } from './rooms.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Room, Performance]), AuditModule],
  controllers: [RoomsController, PerformancesController],
  providers: [PerformancesService],
  exports: [PerformancesService],
})
export class ReservationsModule {}
