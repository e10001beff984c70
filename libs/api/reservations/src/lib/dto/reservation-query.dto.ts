import { ApiPropertyOptional } from '@nestjs/swagger';
import { RESERVATION_STATUSES, ReservationStatus } from '@foyer/contracts';
import { PageQueryDto } from '@foyer/api/platform/paging';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ReservationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Searches name, email and reference' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : value,
  )
  @IsString()
  @MaxLength(120)
  q?: string;

  @ApiPropertyOptional({ enum: RESERVATION_STATUSES })
  @IsOptional()
  @IsIn(RESERVATION_STATUSES)
  status?: ReservationStatus;
}
