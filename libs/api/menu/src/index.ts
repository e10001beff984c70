export * from './lib/menu.module';
export * from './lib/menu-prices.service';
export * from './lib/cart-total';
export * from './lib/demo-menu';
