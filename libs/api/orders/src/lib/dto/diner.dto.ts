import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export const NOTE_MAX_LENGTH = 140;

export class OpenSessionDto {
  @ApiProperty({
    description:
      'Anonymous random id the device keeps in localStorage (e.g. a UUID); only its keyed hash is used.',
    example: '9b2f1c4e-3d7a-4f0e-8c51-2a6b9d0e7f13',
  })
  @Matches(/^[A-Za-z0-9_-]{8,128}$/, {
    message: 'must be 8–128 letters, digits, "-" or "_"',
  })
  deviceId!: string;
}

export class SetCartLineDto {
  @ApiProperty({
    minimum: 0,
    maximum: 20,
    description: 'Sets the quantity of this line; 0 removes it.',
  })
  @IsInt()
  @Min(0)
  @Max(20)
  quantity!: number;

  @ApiPropertyOptional({
    maxLength: NOTE_MAX_LENGTH,
    description: 'Stored as text, never rendered as HTML.',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(NOTE_MAX_LENGTH)
  note?: string;
}

export class PlaceOrderDto {
  @ApiPropertyOptional({
    maxLength: NOTE_MAX_LENGTH,
    description: 'Stored as text, never rendered as HTML.',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(NOTE_MAX_LENGTH)
  note?: string;
}
