export * from './lib/menu.module';
export * from './lib/menu-etag';
export * from './lib/cart-total';
export * from './lib/entities/menu-category.entity';
export * from './lib/entities/menu-item.entity';
export * from './lib/menu.service';
export * from './lib/media/media-storage';
export * from './lib/media/media-url';
