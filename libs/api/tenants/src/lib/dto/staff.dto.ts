import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AddStaffRequest,
  ROLES,
  Role,
  UpdateStaffRequest,
} from '@foyer/contracts';
import { PageQueryDto } from '@foyer/api/platform/paging';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class AddStaffDto implements AddStaffRequest {
  @ApiProperty()
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;
}

export class UpdateStaffDto implements UpdateStaffRequest {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class StaffQueryDto extends PageQueryDto {}

export class UpdateTenantDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin' })
  @IsOptional()
  @Matches(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$/)
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  retentionDays?: number;

  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  currency?: string;
}
