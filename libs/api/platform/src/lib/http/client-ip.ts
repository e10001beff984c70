/** Express derives `req.ip` from TRUST_PROXY only, so X-Forwarded-For cannot choose it. */
export function clientIp(req: {
  ip?: string;
  socket?: { remoteAddress?: string };
}): string {
  const ip = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
