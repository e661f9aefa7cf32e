/**
 * Replies kept between requests while the data under them is unchanged. Each entry is tagged with
 * the data generation it was computed at (`SessionUser.generation`: the newest audit event id,
 * read in the same query as the session, so on every instance and every request); a request at
 * another generation recomputes. A tag is read before the data it labels, so a tag can only be
 * older than its reply, never newer: the worst case is one needless recomputation.
 */
import { RawJson } from './router.js';

const UTF8 = new TextEncoder();

export class ReplyCache {
  private readonly entries = new Map<string, { readonly generation: number; readonly reply: RawJson }>();

  constructor(private readonly capacity = 10_000) {}

  async get(key: string, generation: number, compute: () => Promise<RawJson>): Promise<RawJson> {
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.generation === generation) return hit.reply;
    const computed = await compute();
    // Kept as UTF-8 bytes: each hit is then written without measuring or encoding it again.
    const reply = typeof computed.text === 'string' ? new RawJson(UTF8.encode(computed.text)) : computed;
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(key, { generation, reply });
    return reply;
  }
}
