// Who may talk to `emend serve`: the bearer token and a loopback Host header (against DNS rebinding).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether a Host header names this machine's loopback interface (with or without a port): localhost
 * or a loopback address, each what `emend serve --host` may bind.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  return match !== null && isLoopbackAddress(match[1] ?? match[2]);
}

/** Whether an address is localhost, ::1 or one of 127.0.0.0/8. */
export function isLoopbackAddress(address: string): boolean {
  return address === 'localhost' || address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address);
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether a request carries the token: as `Authorization: Bearer TOKEN`, or, where a browser cannot
 * set headers (EventSource), as `?token=` when allowQuery.
 */
export function hasToken(
  request: IncomingMessage,
  url: URL,
  token: string,
  allowQuery: boolean,
): boolean {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return sameToken(header.slice('Bearer '.length).trim(), token);
  const query = url.searchParams.get('token');
  return allowQuery && query !== null && sameToken(query, token);
}
