import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LoginRequest, RefreshRequest } from '@foyer/contracts';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'owner@demo.foyer.localhost' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password!: string;

  @ApiPropertyOptional({ example: 'demo' })
  @IsOptional()
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/)
  tenantSlug?: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiPropertyOptional({
    description:
      'Bearer clients send the refresh token here; browsers use the cookie.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  refreshToken?: string;
}
