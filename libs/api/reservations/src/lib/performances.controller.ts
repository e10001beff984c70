import {
  Body,
  Controller,
  Get,
  Param,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Page, Permission } from '@foyer/contracts';
import { resourceId } from '@foyer/api/platform/http';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '@foyer/api/platform/paging';
import { RequirePermissions } from '@foyer/api/rbac';
import type { Request } from 'express';
import {
  CreatePerformanceDto,
  UpdatePerformanceDto,
} from './dto/performance.dto';
import { PerformanceView, PerformancesService } from './performances.service';
import { actorOf } from './rooms.controller';

@ApiTags('staff: performances')
@Controller('api/staff/performances')
export class PerformancesController {
  constructor(private readonly performances: PerformancesService) {}

  /** By start time, soonest first. */
  @Get()
  @RequirePermissions(Permission.PERFORMANCES_VIEW)
  list(@Query() query: PageQueryDto): Promise<Page<PerformanceView>> {
    return this.performances.list(
      query.limit ?? DEFAULT_PAGE_SIZE,
      query.cursor,
    );
  }

  @Get(':id')
  @RequirePermissions(Permission.PERFORMANCES_VIEW)
  get(@Param('id', resourceId) id: string): Promise<PerformanceView> {
    return this.performances.view(id);
  }

  @Post()
  @RequirePermissions(Permission.PERFORMANCES_EDIT)
  create(
    @Body() body: CreatePerformanceDto,
    @Req() req: Request,
  ): Promise<PerformanceView> {
    return this.performances.create(body, actorOf(req));
  }

  @Patch(':id')
  @RequirePermissions(Permission.PERFORMANCES_EDIT)
  update(
    @Param('id', resourceId) id: string,
    @Body() body: UpdatePerformanceDto,
    @Req() req: Request,
  ): Promise<PerformanceView> {
    return this.performances.update(id, body, actorOf(req));
  }
}
