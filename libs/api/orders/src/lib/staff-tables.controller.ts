import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Page, Permission } from '@foyer/contracts';
import { requestIdOf, resourceId } from '@foyer/api/platform/http';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '@foyer/api/platform/paging';
import { principalOf } from '@foyer/api/auth';
import { RequirePermissions } from '@foyer/api/rbac';
import type { Request, Response } from 'express';
import { CreateTableDto, QrQueryDto, UpdateTableDto } from './dto/table.dto';
import { SHEET_CSP } from './qr';
import { Actor, TableView, TablesService } from './tables.service';

/** An id that is not a UUID names nothing: 404, like another tenant's id. */

const actor = (req: Request): Actor => ({
  actorId: principalOf(req)?.sub,
  requestId: requestIdOf(req),
});

@ApiTags('staff: tables')
@Controller('api/staff/tables')
export class StaffTablesController {
  constructor(private readonly tables: TablesService) {}

  @Get()
  @RequirePermissions(Permission.TABLES_MANAGE)
  list(@Query() query: PageQueryDto): Promise<Page<TableView>> {
    return this.tables.list(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  /** A printable HTML page with the QR code of every active table. */
  @Get('qr-sheet')
  @RequirePermissions(Permission.TABLES_MANAGE)
  @ApiProduces('text/html')
  @Header('Cache-Control', 'no-store')
  async sheet(@Res() res: Response): Promise<void> {
    const html = await this.tables.sheet();
    res.setHeader('Content-Security-Policy', SHEET_CSP);
    res.type('text/html; charset=utf-8').send(html);
  }

  @Get(':id')
  @RequirePermissions(Permission.TABLES_MANAGE)
  async get(@Param('id', resourceId) id: string): Promise<TableView> {
    return this.tables.view(await this.tables.find(id));
  }

  @Get(':id/qr')
  @RequirePermissions(Permission.TABLES_MANAGE)
  @ApiProduces('image/svg+xml', 'image/png')
  @ApiOkResponse({ description: 'QR code of `${SITE_BASE_URL}/t/<code>`' })
  async qr(
    @Param('id', resourceId) id: string,
    @Query() query: QrQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const format = query.format ?? 'svg';
    const { body, contentType } = await this.tables.qr(id, format);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader(
      'Content-Disposition',
      `inline; filename="table-qr.${format}"`,
    );
    res.type(contentType).send(body);
  }

  @Post()
  @RequirePermissions(Permission.TABLES_MANAGE)
  async create(
    @Body() body: CreateTableDto,
    @Req() req: Request,
  ): Promise<TableView> {
    return this.tables.view(await this.tables.create(body, actor(req)));
  }

  @Patch(':id')
  @RequirePermissions(Permission.TABLES_MANAGE)
  async update(
    @Param('id', resourceId) id: string,
    @Body() body: UpdateTableDto,
    @Req() req: Request,
  ): Promise<TableView> {
    return this.tables.view(await this.tables.update(id, body, actor(req)));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.TABLES_MANAGE)
  remove(
    @Param('id', resourceId) id: string,
    @Req() req: Request,
  ): Promise<void> {
    return this.tables.remove(id, actor(req));
  }

  @Post(':id/rotate-code')
  @HttpCode(200)
  @RequirePermissions(Permission.TABLES_MANAGE)
  async rotate(
    @Param('id', resourceId) id: string,
    @Req() req: Request,
  ): Promise<TableView> {
    return this.tables.view(await this.tables.rotate(id, actor(req)));
  }

  @Post(':id/close-sitting')
  @HttpCode(204)
  @RequirePermissions(Permission.ORDERS_UPDATE)
  closeSitting(
    @Param('id', resourceId) id: string,
    @Req() req: Request,
  ): Promise<void> {
    return this.tables.closeSitting(id, actor(req));
  }
}
