import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';

/** A data subject's request, by the email they booked with. */
export class PrivacyRequestDto {
  @ApiProperty({ example: 'visitor@example.com', maxLength: 254 })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : value,
  )
  @MaxLength(254)
  @IsEmail()
  email!: string;
}
