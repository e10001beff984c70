import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorCode, Page, Permission } from '@foyer/contracts';
import { OwnTenantContext, requestTenant } from '@foyer/api/platform/database';
import { DomainError } from '@foyer/api/platform/errors';
import { ReadsOwnBody, resourceId } from '@foyer/api/platform/http';
import { RequirePermissions } from '@foyer/api/rbac';
import type { Request } from 'express';
import { memoryStorage } from 'multer';
import {
  CreateItemDto,
  ItemQueryDto,
  ItemView,
  UpdateItemDto,
} from './dto/menu.dto';
import { MAX_IMAGE_BYTES } from './media/image';
import { MenuAudit } from './menu-audit.service';
import { MenuService } from './menu.service';

/**
 * Multer reads this route's body (the JSON guard leaves it alone) into memory, stopping
 * at 2 MiB while streaming (413) and accepting exactly one file part named `file`.
 */
const upload = FileInterceptor('file', {
  storage: memoryStorage(),
  limits: {
    fileSize: MAX_IMAGE_BYTES,
    files: 1,
    fields: 0,
    parts: 1,
    headerPairs: 20,
  },
});

@ApiTags('staff: menu')
@Controller('api/staff/menu/items')
export class MenuItemsController {
  constructor(
    private readonly menu: MenuService,
    private readonly audit: MenuAudit,
  ) {}

  @Get()
  @RequirePermissions(Permission.MENU_VIEW)
  list(@Query() query: ItemQueryDto): Promise<Page<ItemView>> {
    return this.menu.listItems(query);
  }

  @Get(':id')
  @RequirePermissions(Permission.MENU_VIEW)
  @ApiOkResponse({ type: ItemView })
  async get(@Param('id', resourceId) id: string): Promise<ItemView> {
    return this.menu.itemView(await this.menu.item(id));
  }

  @Post()
  @RequirePermissions(Permission.MENU_EDIT)
  @ApiCreatedResponse({ type: ItemView })
  async create(
    @Body() body: CreateItemDto,
    @Req() req: Request,
  ): Promise<ItemView> {
    const item = await this.menu.createItem(body);
    await this.audit.record(req, 'menu.item.created', 'menu_item', item.id);
    return this.menu.itemView(item);
  }

  @Patch(':id')
  @RequirePermissions(Permission.MENU_EDIT)
  @ApiOkResponse({ type: ItemView })
  async update(
    @Param('id', resourceId) id: string,
    @Body() body: UpdateItemDto,
    @Req() req: Request,
  ): Promise<ItemView> {
    const item = await this.menu.updateItem(id, body);
    await this.audit.record(req, 'menu.item.updated', 'menu_item', id, {
      fields: Object.keys(body).sort().join(','),
    });
    return this.menu.itemView(item);
  }

  @Delete(':id')
  @HttpCode(204)
  @OwnTenantContext()
  @RequirePermissions(Permission.MENU_EDIT)
  @ApiNoContentResponse()
  async remove(
    @Param('id', resourceId) id: string,
    @Req() req: Request,
  ): Promise<void> {
    await this.menu.removeItem(this.tenantOf(req), id, req);
  }

  @Post(':id/image')
  @ReadsOwnBody()
  @OwnTenantContext()
  @RequirePermissions(Permission.MENU_EDIT)
  @UseInterceptors(upload)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
    description:
      'JPEG, PNG or WebP by content, ≤2 MiB, ≤24 megapixels; stored re-encoded as WebP without metadata',
  })
  @ApiCreatedResponse({
    type: ItemView,
    description: '413 PAYLOAD_TOO_LARGE, 415 UNSUPPORTED_MEDIA_TYPE otherwise',
  })
  async uploadImage(
    @Param('id', resourceId) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Req() req: Request,
  ): Promise<ItemView> {
    if (!file) {
      throw req.is('multipart/form-data')
        ? new DomainError(
            ErrorCode.VALIDATION_FAILED,
            'The request is not valid.',
            {
              errors: [{ field: 'file', message: 'is required' }],
            },
          )
        : new DomainError(
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            'Send the image as multipart/form-data in the field "file".',
          );
    }
    return this.menu.replaceImage(this.tenantOf(req), id, file.buffer, req);
  }

  private tenantOf(req: Request): string {
    const tenantId = requestTenant(req);
    if (!tenantId) {
      throw new Error('staff routes run for an authenticated tenant');
    }
    return tenantId;
  }
}
