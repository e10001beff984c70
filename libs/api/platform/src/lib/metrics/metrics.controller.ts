import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { BlockList, isIPv6 } from 'node:net';
import { Registry } from 'prom-client';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { notFound } from '../errors/domain-error';
import { Public } from '../http/public.decorator';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { METRICS_REGISTRY } from './metrics-registry';

export function allowList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const type = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) {
      list.addAddress(address, type);
    } else {
      list.addSubnet(address, Number(prefix), type);
    }
  }
  return list;
}

/** Prometheus text, only for METRICS_ALLOW addresses; everyone else gets a plain 404. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly allowed: BlockList;

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.allowed = allowList(config.METRICS_ALLOW);
  }

  @Get()
  @Public()
  @RateLimit(null)
  @Header('Cache-Control', 'no-store')
  async metrics(@Req() req: Request): Promise<string> {
    // The direct peer, not X-Forwarded-For: scrapers reach the API without the edge proxy.
    const peer = req.socket.remoteAddress ?? '';
    const ip = peer.startsWith('::ffff:') ? peer.slice(7) : peer;
    if (!this.allowed.check(ip, isIPv6(ip) ? 'ipv6' : 'ipv4')) {
      throw notFound();
    }
    req.res?.type(this.registry.contentType);
    return this.registry.metrics();
  }
}
