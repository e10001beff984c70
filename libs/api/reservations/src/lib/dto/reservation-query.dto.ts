import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@foyer/api/platform';
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

  @ApiPropertyOptional({ enum: ['pending', 'confirmed', 'cancelled'] })
  @IsOptional()
  @IsIn(['pending', 'confirmed', 'cancelled'])
  status?: 'pending' | 'confirmed' | 'cancelled';
}
