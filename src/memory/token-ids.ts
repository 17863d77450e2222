// The fuzzy index's tokenizer: the tokens of `tokenizeSegmentText`, turned straight into vocabulary ids.
// Building the index tokenizes every source of the memory (1.8 million tokens for 89,000 sources); a
// regular expression's match builds an array and a string per token, and a map lookup hashes each string
// again. Here the text is scanned once, each word hashed as it is read and compared in place with the
// known word of that hash, so only a word seen for the first time becomes a string.

/** Words (letters, marks, digits) and single non-space symbols: `tokenizeSegmentText`'s pattern. */
export const TOKEN = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

const WORD_CHARACTER = /^[\p{L}\p{M}\p{N}]$/u;
const SPACE = /^\s$/u;

const UNKNOWN = 0;
const WORD = 1;
const BLANK = 2;
const SYMBOL = 3;
/** Half of a surrogate pair: the pattern reads the pair as one code point, so the text takes the pattern. */
const SURROGATE = 4;

/** Per UTF-16 code unit, its class for the pattern, filled in on first sight (the same test the pattern makes). */
const classes = new Uint8Array(0x10000);
classes.fill(SURROGATE, 0xd800, 0xe000);

function classOf(code: number): number {
  let found = classes[code] as number;
  if (found === UNKNOWN) {
    const character = String.fromCharCode(code);
    found = WORD_CHARACTER.test(character) ? WORD : SPACE.test(character) ? BLANK : SYMBOL;
    classes[code] = found;
  }
  return found;
}

/** Words to ids, ids given in order of first sight: an open-addressing table keyed by each word's hash. */
export class TokenVocabulary {
  readonly words: string[] = [];
  private hashes: number[] = [];
  /** Slot -> id + 1 (0: empty). */
  private slots = new Int32Array(1024);
  private mask = 1023;

  get size(): number {
    return this.words.length;
  }

  /** The id of `text[start, end)` (hash `hash`), added when new. */
  private idOf(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.slots[slot] as number;
      if (stored === 0) {
        const id = this.words.length;
        this.words.push(text.slice(start, end));
        this.hashes.push(hash);
        this.slots[slot] = id + 1;
        if (this.words.length * 2 > this.mask) this.grow();
        return id;
      }
      const id = stored - 1;
      const word = this.words[id] as string;
      if (this.hashes[id] === hash && word.length === length && text.startsWith(word, start)) return id;
    }
  }

  private grow(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 0; id < this.words.length; id += 1) {
      let slot = (this.hashes[id] as number) & this.mask;
      while ((this.slots[slot] as number) !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id + 1;
    }
  }

  /** The id of a whole word. */
  idOfWord(word: string): number {
    return this.idOf(word, 0, word.length, hashOf(word, 0, word.length));
  }

  /**
   * Appends the ids of `folded`'s tokens (`folded` is already `foldSegmentText`'s form) to `out` from
   * `at` on, growing it when needed; returns the buffer and the position after the last id.
   */
  append(folded: string, out: Int32Array, at: number): { buffer: Int32Array; end: number } {
    const length = folded.length;
    // A text has at most as many tokens as code units.
    let buffer = out;
    if (at + length > buffer.length) {
      buffer = new Int32Array(Math.max(buffer.length * 2, at + length));
      buffer.set(out.subarray(0, at));
    }
    let end = at;
    let position = 0;
    while (position < length) {
      const code = folded.charCodeAt(position);
      const kind = classOf(code);
      if (kind === BLANK) {
        position += 1;
      } else if (kind === WORD) {
        const start = position;
        let hash = 0;
        let next = code;
        do {
          hash = (Math.imul(hash, 31) + next) | 0;
          position += 1;
          if (position === length) break;
          next = folded.charCodeAt(position);
        } while (classOf(next) === WORD);
        buffer[end++] = this.idOf(folded, start, position, hash);
      } else if (kind === SYMBOL) {
        buffer[end++] = this.idOf(folded, position, position + 1, code);
        position += 1;
      } else {
        // A surrogate: the pattern decides, for the whole text (the ids found so far are dropped).
        end = at;
        for (const word of folded.match(TOKEN) ?? []) buffer[end++] = this.idOfWord(word);
        return { buffer, end };
      }
    }
    return { buffer, end };
  }
}

function hashOf(text: string, start: number, end: number): number {
  let hash = 0;
  for (let at = start; at < end; at += 1) hash = (Math.imul(hash, 31) + text.charCodeAt(at)) | 0;
  return hash;
}
