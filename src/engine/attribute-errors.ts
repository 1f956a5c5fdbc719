// Wraps a port so that a failure escaping from a driver names the service and address it came from:
// "Connection is closed." becomes "redis at 127.0.0.1:6379: Connection is closed.". Errors
// ticketsim raised on purpose (TicketsimError) pass through unchanged.
import { InfrastructureError, TicketsimError, describeError } from '../errors.js';

/** A copy of `port` whose async methods rethrow driver errors as InfrastructureError. */
export function attributeErrors<T extends object>(port: T, service: InfrastructureError['service'], address: string): T {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, member] of Object.entries(port)) {
    if (typeof member !== 'function') {
      wrapped[name] = member;
      continue;
    }
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (member as (...a: unknown[]) => Promise<unknown>).apply(port, args);
      } catch (error) {
        if (error instanceof TicketsimError) throw error;
        throw new InfrastructureError(service, address, describeError(error), { cause: error });
      }
    };
  }
  return wrapped as T;
}
