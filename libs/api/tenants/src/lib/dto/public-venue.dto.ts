import { PublicVenue } from '@foyer/contracts';

/** The OpenAPI answer of `GET /api/public/venues/:slug`. */
export class PublicVenueDto implements PublicVenue {
  slug!: string;
  name!: string;
  timezone!: string;
  currency!: string;
}
