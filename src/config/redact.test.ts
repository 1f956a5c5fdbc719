import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact.js';

describe('redactUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactUrl('mysql://root:s3cret@127.0.0.1:3306/ticketsim')).toBe('mysql://root:***@127.0.0.1:3306/ticketsim');
    expect(redactUrl('redis://:pw@localhost:6379')).not.toContain('pw');
  });

  it('leaves URLs without a password alone', () => {
    expect(redactUrl('mysql://root@127.0.0.1:3306/ticketsim')).toBe('mysql://root@127.0.0.1:3306/ticketsim');
  });

  it('redacts even what URL cannot parse', () => {
    expect(redactUrl('mysql://u:p@host:notaport/db')).toBe('mysql://u:***@host:notaport/db');
  });
});
