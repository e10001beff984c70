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
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Page, Permission } from '@foyer/contracts';
import { resourceId } from '@foyer/api/platform/http';
import { PageQueryDto } from '@foyer/api/platform/paging';
import { RequirePermissions } from '@foyer/api/rbac';
import type { Request } from 'express';
import {
  CategoryView,
  CreateCategoryDto,
  UpdateCategoryDto,
} from './dto/menu.dto';
import { MenuAudit } from './menu-audit.service';
import { MenuService } from './menu.service';

/** An id that is not a UUID names nothing: 404, like another tenant's id. */

@ApiTags('staff: menu')
@Controller('api/staff/menu/categories')
export class MenuCategoriesController {
  constructor(
    private readonly menu: MenuService,
    private readonly audit: MenuAudit,
  ) {}

  @Get()
  @RequirePermissions(Permission.MENU_VIEW)
  list(@Query() query: PageQueryDto): Promise<Page<CategoryView>> {
    return this.menu.listCategories(query);
  }

  @Get(':id')
  @RequirePermissions(Permission.MENU_VIEW)
  @ApiOkResponse({ type: CategoryView })
  async get(@Param('id', resourceId) id: string): Promise<CategoryView> {
    return this.menu.categoryView(await this.menu.category(id));
  }

  @Post()
  @RequirePermissions(Permission.MENU_EDIT)
  @ApiCreatedResponse({ type: CategoryView })
  async create(
    @Body() body: CreateCategoryDto,
    @Req() req: Request,
  ): Promise<CategoryView> {
    const category = await this.menu.createCategory(body);
    await this.audit.record(
      req,
      'menu.category.created',
      'menu_category',
      category.id,
    );
    return this.menu.categoryView(category);
  }

  @Patch(':id')
  @RequirePermissions(Permission.MENU_EDIT)
  @ApiOkResponse({ type: CategoryView })
  async update(
    @Param('id', resourceId) id: string,
    @Body() body: UpdateCategoryDto,
    @Req() req: Request,
  ): Promise<CategoryView> {
    const category = await this.menu.updateCategory(id, body);
    await this.audit.record(req, 'menu.category.updated', 'menu_category', id, {
      fields: Object.keys(body).sort().join(','),
    });
    return this.menu.categoryView(category);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.MENU_EDIT)
  @ApiNoContentResponse({
    description: 'Deleted; 409 CONFLICT while the category has items',
  })
  async remove(
    @Param('id', resourceId) id: string,
    @Req() req: Request,
  ): Promise<void> {
    await this.menu.deleteCategory(id);
    await this.audit.record(req, 'menu.category.deleted', 'menu_category', id);
  }
}
