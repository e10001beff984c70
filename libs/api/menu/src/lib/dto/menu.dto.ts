import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  MenuCategory,
  MenuCategoryRequest,
  MenuItem,
  MenuItemRequest,
} from '@foyer/contracts';
import { PageQueryDto } from '@foyer/api/platform/paging';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? value.map((item) => (typeof item === 'string' ? item.trim() : item))
    : value;

/** 100 000.00 in minor units: a sane ceiling for one menu line, far inside integer range. */
export const MAX_PRICE_CENTS = 10_000_000;
export const MAX_POSITION = 100_000;
export const MAX_ALLERGENS = 14;
export const MAX_ALLERGEN_LENGTH = 40;

export class CreateCategoryDto implements MenuCategoryRequest {
  @ApiProperty({ example: 'Starters', maxLength: 80 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  name!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_POSITION, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_POSITION)
  position?: number;
}

export class UpdateCategoryDto
  extends PartialType(CreateCategoryDto)
  implements Partial<MenuCategoryRequest> {}

export class CreateItemDto implements MenuItemRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  categoryId!: string;

  @ApiProperty({ example: 'Tomato soup', maxLength: 120 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiPropertyOptional({ maxLength: 500, default: '' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiProperty({
    description: 'Integer minor units',
    minimum: 0,
    maximum: MAX_PRICE_CENTS,
    example: 650,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_CENTS)
  priceCents!: number;

  @ApiPropertyOptional({
    description: "ISO 4217 code; defaults to the venue's currency",
    example: 'EUR',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_ALLERGENS,
    example: ['gluten', 'milk'],
  })
  @IsOptional()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(MAX_ALLERGENS)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_ALLERGEN_LENGTH, { each: true })
  allergens?: string[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  available?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_POSITION, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_POSITION)
  position?: number;
}

export class UpdateItemDto
  extends PartialType(CreateItemDto)
  implements Partial<MenuItemRequest> {}

export class ItemQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only items of this category',
  })
  @IsOptional()
  @IsUUID()
  categoryId?: string;
}

export class CategoryView implements MenuCategory {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() position!: number;
}

export class ItemView implements MenuItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) categoryId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() priceCents!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: [String] }) allergens!: string[];
  @ApiProperty() available!: boolean;
  @ApiProperty() position!: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Signed, expiring media URL',
  })
  imageUrl!: string | null;
}
