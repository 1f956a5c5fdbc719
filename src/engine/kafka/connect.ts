// Creates kafkajs clients that fail fast and stay quiet (kafkajs logs go nowhere unless asked for).
import { Kafka, logLevel } from 'kafkajs';
import type { RetryOptions } from 'kafkajs';
import { formatEndpoint } from '../../config/endpoints.js';
import type { Endpoint } from '../../config/endpoints.js';

export interface KafkaTarget {
  brokers: readonly Endpoint[];
  connectTimeoutMs: number;
}

/** A kafkajs client for the given brokers; `retry` defaults to a few quick retries. */
export function createKafka(target: KafkaTarget, clientId = 'ticketsim', retry: RetryOptions = { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 }): Kafka {
  return new Kafka({
    clientId,
    brokers: target.brokers.map(formatEndpoint),
    connectionTimeout: target.connectTimeoutMs,
    requestTimeout: 10_000,
    retry,
    logLevel: logLevel.NOTHING,
  });
}

