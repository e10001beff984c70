import { Module } from '@nestjs/common';
import { AuditLogModule } from '@foyer/api/audit';
import { AppConfigModule } from '@foyer/api/platform/config';
import { DatabaseModule } from '@foyer/api/platform/database';
import { TenantDirectoryModule } from '@foyer/api/tenants';
import { MediaController } from './media.controller';
import { LocalDiskMediaStorage } from './media/local-disk-media-storage.service';
import { MediaStorage } from './media/media-storage';
import { MenuAudit } from './menu-audit.service';
import { MenuCategoryRepository } from './menu-category.repository';
import { MenuItemRepository } from './menu-item.repository';
import { MenuPrices } from './menu-prices.service';
import { PublicMenuCache } from './public-menu-cache.service';
import { MenuCategoriesController } from './menu-categories.controller';
import { MenuItemsController } from './menu-items.controller';
import { MenuService } from './menu.service';
import { PublicMenuController } from './public-menu.controller';

/** The menu: the one owner of `menu_category` and `menu_item`; others ask MenuPrices. */
@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    AuditLogModule,
    TenantDirectoryModule,
  ],
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
