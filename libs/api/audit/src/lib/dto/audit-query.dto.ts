import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@foyer/api/platform/paging';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'auth.login_succeeded' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.]{1,63}$/)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: 'ISO-8601, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
