import { describe, expect, it } from 'vitest';
import { attributeErrors } from './attribute-errors.js';
import { InfrastructureError, TicketsimError } from '../errors.js';

describe('attributeErrors', () => {
  const port = {
    async fails() {
      throw Object.assign(new Error('Too many connections'), { code: 'ER_CON_COUNT_ERROR' });
    },
    async refuses() {
      throw new TicketsimError('sale concert-x does not exist');
    },
    async works(value: number) {
      return value * 2;
    },
  };
  const wrapped = attributeErrors(port, 'mysql', '127.0.0.1:3306');

  it('names the service and address of a driver error, keeping the cause', async () => {
    const error = await wrapped.fails().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfrastructureError);
    expect((error as Error).message).toBe('mysql at 127.0.0.1:3306: ER_CON_COUNT_ERROR: Too many connections');
    expect((error as Error).cause).toMatchObject({ code: 'ER_CON_COUNT_ERROR' });
  });

  it("passes ticketsim's own errors and results through", async () => {
    await expect(wrapped.refuses()).rejects.toThrow('sale concert-x does not exist');
    await expect(wrapped.refuses()).rejects.not.toBeInstanceOf(InfrastructureError);
    expect(await wrapped.works(21)).toBe(42);
  });
});
