// Which addresses of a target file are not on this machine: ticketsim sends load to loopback only
// unless the user says otherwise (the CLI's --allow-remote), as it does with its own services.
import { endpointOfUrl, formatEndpoint, isLoopback } from '../endpoints.js';
import type { TargetFile } from './types.js';

/**
 * The addresses of `file` whose host is not loopback (127.0.0.0/8, localhost, ::1), each as
 * `field host:port` (`baseUrl shop.example:443`, `stores.mysql 10.0.0.5:3306`), never with a
 * password; empty when everything is local.
 */
export function nonLoopback(file: Pick<TargetFile, 'baseUrl' | 'stores'>): string[] {
  const addresses = [
    ['baseUrl', file.baseUrl, ['http', 'https'], new URL(file.baseUrl).protocol === 'https:' ? 443 : 80],
    ['stores.mysql', file.stores.mysql, ['mysql'], 3306],
    ['stores.redis', file.stores.redis, ['redis', 'rediss'], 6379],
  ] as const;
  return addresses.flatMap(([field, url, protocols, port]) => {
    if (url === undefined) return [];
    const endpoint = endpointOfUrl(url, protocols, port);
    return isLoopback(endpoint.host) ? [] : [`${field} ${formatEndpoint(endpoint)}`];
  });
}
