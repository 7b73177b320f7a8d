// The mock's state: per credential, per collection, per partition, an ordered list of records.
// Every credential starts from the same seed, shared until its first write (copy on write), so a
// thousand API keys reading cost nothing. Records written are counted against one bound over all
// states; a write past it is refused (the caller answers with a documented error). All of it is
// synchronous: a request's read-modify-write happens in one turn of the event loop, so concurrent
// requests never see half a change.

export interface StoredRecord {
  /** Insertion order; lists are sorted by it. */
  readonly seq: number;
  readonly id: string;
  readonly value: Record<string, unknown>;
  /** `JSON.stringify(value)`, made once. */
  readonly json: string;
}

/** One partition of one collection: records by ascending `seq`, and by id. */
export class Part {
  readonly records: StoredRecord[];
  readonly byId: Map<string, StoredRecord>;
  nextSeq: number;

  constructor(records: StoredRecord[], nextSeq: number) {
    this.records = records;
    this.byId = new Map(records.map((r) => [r.id, r]));
    this.nextSeq = nextSeq;
  }

  clone(): Part {
    return new Part([...this.records], this.nextSeq);
  }

  /** Index of the first record whose seq is >= `seq` (binary search). */
  lowerBound(seq: number): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.records[middle]!.seq < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  insert(record: StoredRecord): void {
    this.records.push(record);
    this.byId.set(record.id, record);
  }

  replace(record: StoredRecord): void {
    const index = this.lowerBound(record.seq);
    if (this.records[index]?.seq === record.seq) this.records[index] = record;
    this.byId.set(record.id, record);
  }

  remove(record: StoredRecord): void {
    const index = this.lowerBound(record.seq);
    if (this.records[index]?.seq === record.seq) this.records.splice(index, 1);
    this.byId.delete(record.id);
  }
}

export function storedRecord(seq: number, id: string, value: Record<string, unknown>): StoredRecord {
  return { seq, id, value, json: JSON.stringify(value) };
}

/** The bound was reached: the write is refused. */
export class CapacityError extends Error {
  constructor(readonly limit: number) {
    super(`the mock holds at most ${limit} written records over all API keys; delete some, or reset it (POST /__mock/reset)`);
    this.name = 'CapacityError';
  }
}

/** The state of one credential. */
export class State {
  /** collection → partition → own (written) part; absent means "still the seed". */
  readonly #own = new Map<string, Map<string, Part>>();
  /** Replies cached for safe requests; emptied by any write to this state. */
  readonly replies = new Map<string, { status: number; headers: Record<string, string>; body: string; bytes: Buffer }>();
  repliesBytes = 0;
  /** Idempotency key → reply of the first request with it. */
  readonly idempotent = new Map<string, { fingerprint: string; status: number; headers: Record<string, string>; body: string }>();
  counter = 0;

  constructor(readonly store: Store) {}

  part(collection: string, partition: string): Part | undefined {
    return this.#own.get(collection)?.get(partition) ?? this.store.seed(collection, partition);
  }

  /** Every partition of a collection (seeded or written). */
  partitions(collection: string): string[] {
    return [...new Set([...this.store.seedPartitions(collection), ...(this.#own.get(collection)?.keys() ?? [])])];
  }

  /** The part to write to: copied from the seed on first write. Throws CapacityError past the bound. */
  writable(collection: string, partition: string, adding: number): Part {
    let parts = this.#own.get(collection);
    if (!parts) this.#own.set(collection, (parts = new Map()));
    let part = parts.get(partition);
    if (!part) {
      const seed = this.store.seed(collection, partition);
      this.store.charge(seed ? seed.records.length : 0);
      part = seed ? seed.clone() : new Part([], 1);
      parts.set(partition, part);
    }
    this.store.charge(adding);
    this.invalidate();
    return part;
  }

  invalidate(): void {
    this.store.releaseCache(this.repliesBytes);
    this.replies.clear();
    this.repliesBytes = 0;
  }

  /** Records held by this state's written parts. */
  held(): number {
    let total = 0;
    for (const parts of this.#own.values()) for (const part of parts.values()) total += part.records.length;
    return total + this.idempotent.size;
  }
}

export interface StoreOptions {
  /** Records written parts may hold over all states before writes are refused. */
  readonly maxRecords: number;
  /** Bytes of cached replies over all states before caches are emptied. */
  readonly cacheBytes: number;
}

export class Store {
  readonly #seeds = new Map<string, Map<string, Part>>();
  readonly #states = new Map<string, State>();
  #held = 0;
  #cached = 0;

  constructor(readonly options: StoreOptions) {}

  setSeed(collection: string, partition: string, part: Part): void {
    let parts = this.#seeds.get(collection);
    if (!parts) this.#seeds.set(collection, (parts = new Map()));
    parts.set(partition, part);
  }

  seed(collection: string, partition: string): Part | undefined {
    return this.#seeds.get(collection)?.get(partition);
  }

  seedPartitions(collection: string): string[] {
    return [...(this.#seeds.get(collection)?.keys() ?? [])];
  }

  state(credential: string): State {
    let state = this.#states.get(credential);
    if (!state) this.#states.set(credential, (state = new State(this)));
    return state;
  }

  /** Counts `records` more held records; throws CapacityError past the bound (counting nothing). */
  charge(records: number): void {
    if (this.#held + records > this.options.maxRecords) throw new CapacityError(this.options.maxRecords);
    this.#held += records;
  }

  /** Frees `records` held records (after a delete). */
  release(records: number): void {
    this.#held = Math.max(0, this.#held - records);
  }

  get heldRecords(): number {
    return this.#held;
  }

  /** Accounts for a cached reply; when over budget, empties every state's cache first. */
  chargeCache(bytes: number): void {
    if (this.#cached + bytes > this.options.cacheBytes) {
      for (const state of this.#states.values()) {
        state.replies.clear();
        state.repliesBytes = 0;
      }
      this.#cached = 0;
    }
    this.#cached += bytes;
  }

  releaseCache(bytes: number): void {
    this.#cached = Math.max(0, this.#cached - bytes);
  }

  get cachedBytes(): number {
    return this.#cached;
  }

  /** Forgets every state: each credential starts from the seed again. */
  reset(): void {
    this.#states.clear();
    this.#held = 0;
    this.#cached = 0;
  }
}
