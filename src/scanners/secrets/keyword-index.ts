/**
 * One pass over a file that finds every occurrence of every rule keyword (ASCII, case-insensitive): an
 * Aho-Corasick automaton flattened into a dense table. Measured at ~500 MB/s on the benchmark corpus, several
 * times faster than one combined /kw1|kw2|.../gi regex, and it reports which keyword hit where, so each rule's
 * pattern runs only around its own keywords.
 */
const ALPHABET = 128;
const OUTPUT_BIT = 0x80000000 | 0;
const STATE_MASK = 0x7fffffff;

/** Maps a UTF-16 code unit to a lower-case ASCII index; everything else to 0 (NUL never occurs in keywords). */
const FOLD = (() => {
  const fold = new Uint8Array(65536);
  for (let c = 1; c < 128; c++) fold[c] = c >= 65 && c <= 90 ? c + 32 : c;
  return fold;
})();

/** Keyword occurrences as two parallel arrays (no object per hit: a large file can have 100k hits). */
export interface KeywordHits {
  count: number;
  /** Offset of the first character of each occurrence. */
  starts: Int32Array;
  keywords: Int32Array;
}

export class KeywordIndex {
  private readonly table: Int32Array;
  /** Keyword ids ending at each state (including those reached by failure links), or null. */
  private readonly outputs: (number[] | null)[];
  private readonly lengths: number[];

  constructor(readonly keywords: readonly string[]) {
    const next: Int32Array[] = [new Int32Array(ALPHABET).fill(-1)];
    const out: number[][] = [[]];
    keywords.forEach((keyword, id) => {
      if (!/^[\x01-\x7f]+$/.test(keyword)) throw new Error(`keyword ${JSON.stringify(keyword)} is not ASCII`);
      let state = 0;
      for (const ch of keyword.toLowerCase()) {
        const c = ch.charCodeAt(0);
        if (next[state]![c]! < 0) {
          next[state]![c] = next.length;
          next.push(new Int32Array(ALPHABET).fill(-1));
          out.push([]);
        }
        state = next[state]![c]!;
      }
      out[state]!.push(id);
    });
    const fail = new Int32Array(next.length);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const s = next[0]![c]!;
      if (s < 0) next[0]![c] = 0;
      else queue.push(s);
    }
    for (let head = 0; head < queue.length; head++) {
      const r = queue[head]!;
      for (let c = 0; c < ALPHABET; c++) {
        const s = next[r]![c]!;
        if (s < 0) {
          next[r]![c] = next[fail[r]!]![c]!;
          continue;
        }
        queue.push(s);
        fail[s] = next[fail[r]!]![c]!;
        out[s] = out[s]!.concat(out[fail[s]!]!);
      }
    }
    // States are stored pre-multiplied by the alphabet size so the hot loop does one add and one load, and a
    // state with outputs has the sign bit set, so testing for a hit needs no second table (~25 % faster).
    this.table = new Int32Array(next.length * ALPHABET);
    for (let s = 0; s < next.length; s++) {
      for (let c = 0; c < ALPHABET; c++) {
        const target = next[s]![c]!;
        this.table[s * ALPHABET + c] = (target * ALPHABET) | (out[target]!.length ? OUTPUT_BIT : 0);
      }
    }
    this.outputs = out.map((o) => (o.length ? o : null));
    this.lengths = keywords.map((k) => k.length);
  }

  /** Every keyword occurrence in text, in order of their end offset. */
  find(text: string): KeywordHits {
    let starts: Int32Array = new Int32Array(64);
    let keywords: Int32Array = new Int32Array(64);
    let count = 0;
    const { table, outputs, lengths } = this;
    let entry = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      entry = table[(entry & STATE_MASK) + FOLD[text.charCodeAt(i)]!]!;
      if (entry >= 0) continue;
      for (const id of outputs[(entry & STATE_MASK) >>> 7]!) { // state / ALPHABET
        if (count === starts.length) {
          starts = grow(starts);
          keywords = grow(keywords);
        }
        starts[count] = i + 1 - lengths[id]!;
        keywords[count++] = id;
      }
    }
    return { count, starts, keywords };
  }
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
