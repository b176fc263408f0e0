import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { renewToken } from './api/client';

export type StreamState = 'connecting' | 'open' | 'retrying';

/**
 * Server-Sent Events over fetch, so the token travels in the Authorization header (EventSource cannot
 * send one, and a long-lived token must never sit in a URL). Reconnects with Last-Event-ID, so no event
 * is lost across a drop or the token-expired end of a stream; a new token is asked for each connection.
 */
export function followEvents(
  url: string,
  token: () => string | undefined,
  onMessage: (m: EventSourceMessage) => void,
  onState: (s: StreamState) => void,
): () => void {
  const abort = new AbortController();
  let lastEventId = '';
  let renewed = false;
  const run = async () => {
    while (!abort.signal.aborted) {
      onState('connecting');
      try {
        const response = await fetch(url, {
          headers: { authorization: `Bearer ${token() ?? ''}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
          signal: abort.signal,
        });
        // An expired or stale token: renewed once, then the stream goes on where it stopped.
        if (response.status === 401 && !renewed && (await renewToken())) {
          renewed = true;
          continue;
        }
        if (response.status === 401 || response.status === 403) return onState('retrying');
        if (!response.ok || !response.body) throw new Error(`status ${response.status}`);
        renewed = false;
        onState('open');
        const parser = createParser({
          onEvent(message) {
            if (message.id) lastEventId = message.id;
            onMessage(message);
          },
        });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      onState('retrying');
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  void run();
  return () => abort.abort();
}
