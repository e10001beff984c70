import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@foyer/api/audit';
import { TenantsModule } from '@foyer/api/tenants';
import { MenuCategory } from './entities/menu-category.entity';
import { MenuItem } from './entities/menu-item.entity';
import { MediaController } from './media.controller';
import { LocalDiskMediaStorage, MediaStorage } from './media/media-storage';
import { MenuAudit } from './menu-audit';
import { PublicMenuCache } from './public-menu-cache';
import { MenuCategoriesController } from './menu-categories.controller';
import { MenuItemsController } from './menu-items.controller';
import { MenuService } from './menu.service';
import { PublicMenuController } from './public-menu.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([MenuCategory, MenuItem]),
    AuditModule,
    TenantsModule,
  ],
  controllers: [
    MenuCategoriesController,
    MenuItemsController,
    MediaController,
    PublicMenuController,
  ],
  providers: [
    MenuService,
    MenuAudit,
    PublicMenuCache,
    { provide: MediaStorage, useClass: LocalDiskMediaStorage },
  ],
  exports: [MenuService, MediaStorage, TypeOrmModule],
})
export class MenuModule {}
