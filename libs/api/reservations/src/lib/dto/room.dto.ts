import { ApiProperty, PartialType } from '@nestjs/swagger';
import { RoomRequest } from '@foyer/contracts';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class CreateRoomDto implements RoomRequest {
  @ApiProperty({ example: 'Main hall' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ minimum: 0, maximum: 100000 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  capacity!: number;
}

export class UpdateRoomDto
  extends PartialType(CreateRoomDto)
  implements Partial<RoomRequest> {}
