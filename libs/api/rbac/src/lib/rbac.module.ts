import { Module } from '@nestjs/common';
import { PermissionsGuard } from './permissions.guard';

@Module({
  controllers: [],
  providers: [PermissionsGuard],
  exports: [PermissionsGuard],
})
export class RbacModule {}
