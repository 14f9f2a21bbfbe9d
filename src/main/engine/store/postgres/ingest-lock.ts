// Exactly one instance ingests a network at a time: a session advisory lock held on a
// dedicated connection. When the holder dies its connection closes and PostgreSQL releases
// the lock at once, so another instance takes over on its next poll.
import pg from 'pg';

const INGEST_LOCK = 7_104_202_612;

export class IngestLock {
  private client: pg.Client | null = null;
  private held = false;

  constructor(private readonly connectionString: string) {}

  async tryAcquire(): Promise<boolean> {
    try {
      if (this.client && this.held) {
        await this.client.query('SELECT 1'); // still connected, so still ours
        return true;
      }
      if (!this.client) {
        const client = new pg.Client({ connectionString: this.connectionString });
        client.on('error', () => this.drop());
        await client.connect();
        this.client = client;
      }
      const { rows } = await this.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [INGEST_LOCK]);
      this.held = rows[0]?.ok === true;
      return this.held;
    } catch {
      this.drop();
      return false;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    this.drop();
    await client?.end().catch(() => {});
  }

  private drop(): void {
    this.held = false;
    this.client = null;
  }
}
