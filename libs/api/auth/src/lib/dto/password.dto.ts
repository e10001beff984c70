import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  currentPassword!: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MinLength(12)
  @MaxLength(128)
  newPassword!: string;
}

export class SetPasswordDto {
  @ApiProperty({
    description:
      'The one-time token from the link fragment (invitation or password reset)',
  })
  @Matches(/^[A-Za-z0-9_-]{20,100}$/)
  token!: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MinLength(12)
  @MaxLength(128)
  newPassword!: string;
}

export class SwitchTenantDto {
  @ApiProperty()
  @IsUUID()
  tenantId!: string;
}

export class ResetPasswordDto extends SetPasswordDto {}

export class ForgotPasswordDto {
  @ApiProperty({ example: 'owner@demo.foyer.localhost' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : value,
  )
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class AcceptInvitationDto {
  @ApiProperty({
    description: 'The one-time token from the invitation link fragment',
  })
  @Matches(/^[A-Za-z0-9_-]{20,100}$/)
  token!: string;
}
