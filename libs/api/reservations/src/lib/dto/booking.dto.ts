import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BookingRequest, TOKEN_PATTERN, TokenRequest } from '@foyer/contracts';
import { Transform } from 'class-transformer';
import {
  IsEmail,
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

export class BookDto implements BookingRequest {
  @ApiProperty({ maxLength: 120 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ maxLength: 254 })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ example: '+49 30 1234567', maxLength: 32 })
  @IsOptional()
  @Transform(trim)
  @Matches(/^\+?[0-9][0-9 ()-]{3,30}$/, {
    message: 'must be a phone number like +49 30 1234567',
  })
  @MaxLength(32)
  phone?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  notes?: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(50)
  partySize!: number;
}

export class TokenDto implements TokenRequest {
  @ApiProperty({ description: 'The token from the link fragment (#t=…)' })
  @Matches(TOKEN_PATTERN)
  token!: string;
}
