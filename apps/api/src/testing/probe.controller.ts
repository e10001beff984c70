import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Public } from '@foyer/api/platform/http';
import {
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class ProbeDto {
  @IsString()
  @MaxLength(100_000)
  text!: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5000)
  delayMs?: number;
}

/** Routes that exist only in tests, to exercise the request pipeline end to end. */
@Public()
@Controller('api/public/probe')
export class ProbeController {
  calls = 0;

  @Get()
  read(): { ok: true } {
    return { ok: true };
  }

  @Post()
  @HttpCode(201)
  async create(@Body() dto: ProbeDto): Promise<{ call: number; text: string }> {
    this.calls += 1;
    const call = this.calls;
    if (dto.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, dto.delayMs));
    }
    return { call, text: dto.text };
  }

  @Post('boom')
  boom(): never {
    this.calls += 1;
    throw new Error('relation "secret_internal_table" does not exist');
  }
}
