import { Module } from '@nestjs/common';
import { AuditModule } from '@foyer/api/audit';
import { TenantDirectoryModule } from '@foyer/api/tenants';
import { MediaController } from './media.controller';
import { LocalDiskMediaStorage, MediaStorage } from './media/media-storage';
import { MenuAudit } from './menu-audit';
import { MenuCategoryRepository } from './menu-category.repository';
import { MenuItemRepository } from './menu-item.repository';
import { MenuPrices } from './menu-prices.service';
import { PublicMenuCache } from './public-menu-cache';
import { MenuCategoriesController } from './menu-categories.controller';
import { MenuItemsController } from './menu-items.controller';
import { MenuService } from './menu.service';
import { PublicMenuController } from './public-menu.controller';

/** The menu: the one owner of `menu_category` and `menu_item`; others ask MenuPrices. */
@Module({
  imports: [AuditModule, TenantDirectoryModule],
  controllers: [
    MenuCategoriesController,
    MenuItemsController,
    MediaController,
    PublicMenuController,
  ],
  providers: [
    MenuCategoryRepository,
    MenuItemRepository,
    MenuService,
    MenuPrices,
    MenuAudit,
    PublicMenuCache,
    { provide: MediaStorage, useClass: LocalDiskMediaStorage },
  ],
  exports: [MenuService, MenuPrices, MediaStorage],
})
export class MenuModule {}
