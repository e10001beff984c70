import { ApiProperty } from '@nestjs/swagger';
import {
  ChangePasswordRequest,
  ForgotPasswordRequest,
  SetPasswordRequest,
  SwitchTenantRequest,
  TOKEN_PATTERN,
  TokenRequest,
} from '@foyer/contracts';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export class ChangePasswordDto implements ChangePasswordRequest {
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

export class SetPasswordDto implements SetPasswordRequest {
  @ApiProperty({
    description:
      'The one-time token from the link fragment (invitation or password reset)',
  })
  @Matches(TOKEN_PATTERN)
  token!: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MinLength(12)
  @MaxLength(128)
  newPassword!: string;
}

export class SwitchTenantDto implements SwitchTenantRequest {
  @ApiProperty()
  @IsUUID()
  tenantId!: string;
}

export class ResetPasswordDto extends SetPasswordDto {}

export class ForgotPasswordDto implements ForgotPasswordRequest {
  @ApiProperty({ example: 'owner@demo.foyer.localhost' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : value,
  )
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class AcceptInvitationDto implements TokenRequest {
  @ApiProperty({
    description: 'The one-time token from the invitation link fragment',
  })
  @Matches(TOKEN_PATTERN)
  token!: string;
}
