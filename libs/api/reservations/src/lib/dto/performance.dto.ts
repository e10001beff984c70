import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  BOOKING_STATUSES,
  BookingStatus,
  PerformanceRequest,
} from '@foyer/contracts';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class CreatePerformanceDto implements PerformanceRequest {
  @ApiProperty({ example: 'Hamlet' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty()
  @IsUUID()
  roomId!: string;

  @ApiProperty({ example: '2026-12-24T19:30:00Z' })
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty({ example: '2026-12-24T22:00:00Z' })
  @IsISO8601({ strict: true })
  endsAt!: string;

  @ApiPropertyOptional({ description: 'Defaults to one hour before the start' })
  @IsOptional()
  @IsISO8601({ strict: true })
  checkInOpensAt?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  bookingOpensAt?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  bookingClosesAt?: string | null;

  @ApiPropertyOptional({ enum: BOOKING_STATUSES, default: 'closed' })
  @IsOptional()
  @IsIn(BOOKING_STATUSES)
  bookingStatus?: BookingStatus;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  additionalSeats?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  manuallyOccupiedSeats?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 6 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  maxPartySize?: number;
}

/** Every field of a performance, each optional: validators carry over (PartialType). */
export class UpdatePerformanceDto
  extends PartialType(CreatePerformanceDto)
  implements Partial<PerformanceRequest> {}
