import { Body, Controller, Get, Patch, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission } from '@foyer/contracts';
import { definedFields, requestIdOf } from '@foyer/api/platform/http';
import { StaffPrincipal, principalOf } from '@foyer/api/auth';
import { AnyStaffMember, RequirePermissions } from '@foyer/api/rbac';
import type { Request } from 'express';
import { UpdateTenantDto } from './dto/staff.dto';
import { Tenant } from './entities/tenant.entity';
import { TenantSettings } from './tenant-settings.service';

export interface TenantView {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  retentionDays: number;
}

const tenantView = (t: Tenant): TenantView => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  timezone: t.timezone,
  currency: t.currency,
  retentionDays: t.retentionDays,
});

@ApiTags('staff: tenant')
@Controller('api/staff/tenant')
export class TenantSettingsController {
  constructor(private readonly settings: TenantSettings) {}

  @Get()
  @AnyStaffMember()
  async get(): Promise<TenantView> {
    return tenantView(await this.settings.get());
  }

  @Patch()
  @RequirePermissions(Permission.TENANT_MANAGE)
  async update(
    @Body() body: UpdateTenantDto,
    @Req() req: Request,
  ): Promise<TenantView> {
    const actor = principalOf(req) as StaffPrincipal;
    return tenantView(
      await this.settings.update(
        definedFields(body),
        actor.sub,
        requestIdOf(req),
      ),
    );
  }
}
