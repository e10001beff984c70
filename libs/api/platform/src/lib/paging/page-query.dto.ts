import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** `cursor` and `limit` of every staff collection (docs/architecture.md: 1–100, default 50). */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export const DEFAULT_PAGE_SIZE = 50;

export function encodeCursor(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor; anything else reads as "no cursor match". */
export function decodeCursor(
  cursor: string | undefined,
  shape: RegExp,
): string | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  return shape.test(value) ? value : undefined;
}
