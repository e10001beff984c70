/** `@foyer/api/platform/paging`: keyset paging of staff collections (`PageQueryDto`, cursors). */
export * from './lib/paging/page-query.dto';
