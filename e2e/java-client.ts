/**
 * Batches exactly as Segment's Java library sends them (analytics-java 3.5.5: AnalyticsClient, Batch,
 * MessageBuilder, AnalyticsRequestInterceptor), for the tests of the conformance walk-through (docs/conformance.md):
 * `POST <endpoint>/v1/import/`, Basic auth with the write key as user name and no password, the library in the
 * batch's `context` (not in each message), a random UUID `messageId` and an ISO-8601 `timestamp` (ms, UTC) per
 * message, `integrations: {}`, null fields left out (Gson), and `sentAt`, `sequence` and `writeKey` on the batch.
 */
import { randomUUID } from 'node:crypto'

export const JAVA_VERSION = '3.5.5'
const instanceId = randomUUID()
let sequence = 0

export type JavaMessage =
  | { type: 'identify'; userId?: string; anonymousId?: string; traits: Record<string, unknown>; timestamp?: Date }
  | { type: 'track'; userId?: string; anonymousId?: string; event: string; properties: Record<string, unknown>; timestamp?: Date }

/** One message as MessageBuilder.build() makes it and Gson writes it (field order as AutoValue declares them). */
function message(m: JavaMessage): Record<string, unknown> {
  const { type, userId, anonymousId, timestamp = new Date() } = m
  return {
    type,
    messageId: randomUUID(),
    timestamp: timestamp.toISOString(),
    ...(anonymousId !== undefined && { anonymousId }),
    ...(userId !== undefined && { userId }),
    integrations: {},
    ...(m.type === 'track' ? { event: m.event, properties: m.properties } : { traits: m.traits }),
  }
}

/** Where analytics-java posts for `Analytics.builder(writeKey).endpoint(endpoint)`; `setUploadURL(url)` gives `url` itself. */
export const javaUploadUrl = (endpoint: string): string => `${endpoint.replace(/\/+$/, '')}/v1/import/`

/** Posts one batch to `uploadUrl` (javaUploadUrl(endpoint), the default), as analytics-java does. */
export async function sendJavaBatch(uploadUrl: string, writeKey: string, messages: JavaMessage[]): Promise<Response> {
  const body = {
    batch: messages.map(message),
    sentAt: new Date().toISOString(),
    context: { library: { name: 'analytics-java', version: JAVA_VERSION }, instanceId },
    sequence: ++sequence,
    writeKey,
  }
  return fetch(uploadUrl, {
    method: 'POST',
    headers: {
      Authorization: 'Basic ' + Buffer.from(`${writeKey}:`).toString('base64'),
      'User-Agent': `analytics-java/${JAVA_VERSION}`,
      'Content-Type': 'application/json; charset=UTF-8',
    },
    body: JSON.stringify(body),
  })
}
