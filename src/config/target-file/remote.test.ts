// Tests of which addresses of a target file leave the machine: loopback in every spelling stays,
// anything else is named by field and host:port, without its password.
import { describe, expect, it } from 'vitest';
import { nonLoopback } from './remote.js';

describe('nonLoopback', () => {
  it('lets loopback through: 127.0.0.0/8, localhost, ::1', () => {
    expect(nonLoopback({ baseUrl: 'http://127.0.0.1:8080', stores: { mysql: 'mysql://a@127.8.9.10/shop', redis: 'redis://localhost' } })).toEqual([]);
    expect(nonLoopback({ baseUrl: 'https://[::1]:8443/api', stores: { redis: 'rediss://LOCALHOST:6380' } })).toEqual([]);
  });

  it('names every other address by field and host:port, never its password', () => {
    const file = {
      baseUrl: 'https://shop.example.com/api',
      stores: { mysql: 'mysql://app:secret@10.0.0.5/shop', redis: 'redis://:pw@[2001:db8::1]:6380' },
    };
    expect(nonLoopback(file)).toEqual(['baseUrl shop.example.com:443', 'stores.mysql 10.0.0.5:3306', 'stores.redis [2001:db8::1]:6380']);
    expect(nonLoopback({ baseUrl: 'http://0.0.0.0:8080', stores: {} })).toEqual(['baseUrl 0.0.0.0:8080']);
  });
});
