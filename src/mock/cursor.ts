// Opaque page cursors: base64url of (version, position, HMAC-SHA256 tag). The tag covers what the
// cursor was issued for (the list, its partition and filters) and the position, so a cursor edited
// by hand, or replayed against another list or account, is rejected. The key derives from the
// seed: the same seed accepts the same cursors across restarts.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const VERSION = 1;
const TAG_BYTES = 13; // 1 + 4 + 13 = 18 bytes: exactly 24 base64url characters, no spare bits
const CURSOR_BYTES = 1 + 4 + TAG_BYTES;
const CURSOR_TEXT = /^[A-Za-z0-9_-]{24}$/;

export class CursorCodec {
  readonly #key: Buffer;

  constructor(seed: number) {
    this.#key = createHash('sha256').update(`postpress-mock cursor key\0${seed}`).digest();
  }

  #tag(binding: string, position: number): Buffer {
    return createHmac('sha256', this.#key).update(`${binding}\0${position}`).digest().subarray(0, TAG_BYTES);
  }

  encode(binding: string, position: number): string {
    const bytes = Buffer.alloc(CURSOR_BYTES);
    bytes[0] = VERSION;
    bytes.writeUInt32BE(position, 1);
    this.#tag(binding, position).copy(bytes, 5);
    return bytes.toString('base64url');
  }

  /** The position a cursor points at, or undefined when it was not issued by us for this binding. */
  decode(binding: string, cursor: string): number | undefined {
    if (!CURSOR_TEXT.test(cursor)) return undefined;
    const bytes = Buffer.from(cursor, 'base64url');
    if (bytes.length !== CURSOR_BYTES || bytes[0] !== VERSION) return undefined;
    const position = bytes.readUInt32BE(1);
    return timingSafeEqual(bytes.subarray(5), this.#tag(binding, position)) ? position : undefined;
  }
}
