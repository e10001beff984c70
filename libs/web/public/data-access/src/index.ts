export * from './lib/api/public-booking.models';
export * from './lib/api/public-booking.api';
export * from './lib/fragment/fragment-token';
export * from './lib/venue/venue.store';
