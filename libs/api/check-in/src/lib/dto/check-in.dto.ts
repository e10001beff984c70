import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ConfirmCheckInRequest,
  PreviewCheckInRequest,
  TOKEN_PATTERN,
  UndoCheckInRequest,
} from '@foyer/contracts';
import { Transform } from 'class-transformer';
import {
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

/** The token is the opaque check-in token from the ticket's QR code: never echoed, never logged. */
export class PreviewCheckInDto implements PreviewCheckInRequest {
  @ApiProperty({ description: 'The check-in token the QR code holds' })
  @Matches(TOKEN_PATTERN, { message: 'token must be a ticket token' })
  token!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The performance this door admits; another one answers WRONG_PERFORMANCE',
  })
  @IsOptional()
  @IsUUID()
  performanceId?: string;
}

export class ConfirmCheckInDto
  extends PreviewCheckInDto
  implements ConfirmCheckInRequest
{
  @ApiPropertyOptional({
    maxLength: 128,
    description:
      'A client id of this scan: a retry with the same nonce gets the first 200 again',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,128}$/, {
    message: 'nonce must be 1–128 letters, digits or _.:-',
  })
  nonce?: string;
}

export class UndoCheckInDto implements UndoCheckInRequest {
  @ApiProperty({ description: 'The check-in token the QR code holds' })
  @Matches(TOKEN_PATTERN, { message: 'token must be a ticket token' })
  token!: string;

  @ApiProperty({
    minLength: 3,
    maxLength: 200,
    description: 'Why the check-in is reverted (audited)',
  })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  reason!: string;
}
