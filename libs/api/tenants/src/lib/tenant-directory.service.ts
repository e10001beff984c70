import { Injectable } from '@nestjs/common';
import { TenantContext } from '@foyer/api/platform/database';
import { notFound } from '@foyer/api/platform/errors';
import { randomUUID } from 'node:crypto';
import { Tenant } from './entities/tenant.entity';
import { TenantRepository } from './tenant.repository';

export interface NewTenant {
  slug: string;
  name: string;
  timezone?: string;
  currency?: string;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * The one narrow door from a public identifier to a tenant: a SECURITY DEFINER function
 * that returns only the id. Everything after it runs under row-level security.
 */
@Injectable()
export class TenantDirectory {
  constructor(
    private readonly context: TenantContext,
    private readonly tenants: TenantRepository,
  ) {}

  async idForSlug(slug: string): Promise<string | null> {
    if (!SLUG.test(slug)) {
      return null;
    }
    return this.tenants.idForSlug(slug);
  }

  /** Resolves a slug and runs `work` inside that tenant's context; unknown slugs are 404. */
  async withVenue<T>(
    slug: string,
    work: (tenant: Tenant) => Promise<T>,
  ): Promise<T> {
    const id = await this.idForSlug(slug);
    if (!id) {
      throw notFound('No venue has this address.');
    }
    return this.context.run(id, async () => work(await this.current()));
  }

  /** The tenant with this public slug; unknown slugs are 404. */
  bySlug(slug: string): Promise<Tenant> {
    return this.withVenue(slug, async (tenant) => tenant);
  }

  /**
   * The tenant of the current transaction (its name, time zone, currency for a mail or a
   * page): the one way another domain reads the `tenant` row.
   */
  async current(): Promise<Tenant> {
    if (!this.context.tenantId) {
      throw new Error('TenantDirectory.current runs inside a tenant context');
    }
    const tenant = await this.tenants.current();
    if (!tenant) {
      throw new Error('the current tenant has no row');
    }
    return tenant;
  }

  /** Creates a tenant (operator command, never an endpoint): the new id is set first so RLS admits the row. */
  async create(input: NewTenant): Promise<Tenant> {
    if (!SLUG.test(input.slug)) {
      throw new Error(
        'slug must be lowercase letters, digits and inner hyphens (1–64)',
      );
    }
    const id = randomUUID();
    return this.context.run(id, async () => {
      const tenant = await this.tenants.insert({
        slug: input.slug,
        name: input.name,
        timezone: input.timezone ?? 'UTC',
        currency: input.currency ?? 'EUR',
      });
      if (!tenant) {
        throw new Error('the tenant was not created');
      }
      return tenant;
    });
  }
}
