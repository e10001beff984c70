export class PublicVenueDto {
  slug!: string;
  name!: string;
  timezone!: string;
  currency!: string;
}
