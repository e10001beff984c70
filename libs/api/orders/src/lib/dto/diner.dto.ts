import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEVICE_ID_PATTERN,
  OpenSessionRequest,
  PlaceOrderRequest,
  SetCartLineRequest,
} from '@foyer/contracts';
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

export class OpenSessionDto implements OpenSessionRequest {
  @ApiProperty({
    description:
      'Anonymous random id the device keeps in localStorage (e.g. a UUID); only its keyed hash is used.',
    example: '9b2f1c4e-3d7a-4f0e-8c51-2a6b9d0e7f13',
  })
  @Matches(DEVICE_ID_PATTERN, {
    message: 'must be 8–128 letters, digits, "-" or "_"',
  })
  deviceId!: string;
}

export class SetCartLineDto implements SetCartLineRequest {
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

export class PlaceOrderDto implements PlaceOrderRequest {
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
