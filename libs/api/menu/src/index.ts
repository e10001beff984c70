export * from './lib/menu.module';
export * from './lib/menu-etag';
export * from './lib/cart-total';
export * from './lib/entities/menu-category.entity';
export * from './lib/entities/menu-item.entity';
