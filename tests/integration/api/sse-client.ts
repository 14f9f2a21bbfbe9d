// A minimal EventSource-like reader over fetch, so tests can send Last-Event-ID and read
// exactly what the server wrote.
export interface SseMessage {
  id: string | null;
  data: string;
}

export interface SseClient {
  status: number;
  headers: Headers;
  messages: SseMessage[];
  comments: string[];
  /** Resolves once `count` messages have arrived (rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<SseMessage[]>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const client: SseClient = {
    status: res.status,
    headers: res.headers,
    messages: [],
    comments: [],
    waitFor: async (count, ms = 5_000) => {
      const deadline = Date.now() + ms;
      while (client.messages.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${client.messages.length} of ${count} messages arrived`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return client.messages;
    },
    close: () => abort.abort(),
  };
  if (!res.ok || !res.body) return client;
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let id: string | null = null;
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) client.comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) client.messages.push({ id, data: data.join('\n') });
        }
      }
    } catch {
      // aborted
    }
  })();
  return client;
}
