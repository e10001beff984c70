import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { DiningTableRequest } from '@foyer/contracts';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class CreateTableDto implements DiningTableRequest {
  @ApiProperty({ example: 'Table 7', maxLength: 60 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  label!: string;

  @ApiPropertyOptional({
    description:
      'Inactive tables answer 404 to diners; their code stays for later.',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateTableDto
  extends PartialType(CreateTableDto)
  implements Partial<DiningTableRequest> {}

export class QrQueryDto {
  @ApiPropertyOptional({ enum: ['svg', 'png'], default: 'svg' })
  @IsOptional()
  @IsIn(['svg', 'png'])
  format?: 'svg' | 'png';
}
