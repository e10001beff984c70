import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UpdateOrderRequest } from '@foyer/contracts';
import { PageQueryDto } from '@foyer/api/platform/paging';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { ORDER_STATUSES, OrderStatus } from '../order-status';

export class OrderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Comma-separated statuses',
    example: 'received,accepted',
  })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value,
  )
  @IsArray()
  @ArrayMaxSize(6)
  @IsIn(ORDER_STATUSES, { each: true })
  status?: OrderStatus[];
}

export class UpdateOrderDto implements UpdateOrderRequest {
  @ApiProperty({ enum: ORDER_STATUSES })
  @IsIn(ORDER_STATUSES)
  status!: OrderStatus;
}
