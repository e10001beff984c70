export * from './lib/menu.module';
export * from './lib/menu-etag';
export * from './lib/cart-total';
