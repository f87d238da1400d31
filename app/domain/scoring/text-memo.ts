/** Texts up to this long are found by their place (length, and in TextMemo first character) first. */
const MAX_LENGTH = 64
/** Texts remembered per place before the rest go to the Map. */
const PER_PLACE = 4

/**
 * What TextMemo and DomainMemo share: remembered texts and values, alternately, in a short list
 * per place (how each finds a text's place is its own), and a Map for texts of a full place and
 * long ones.
 */
abstract class PlacedMemo<T> {
  protected places: (unknown[] | undefined)[] = []
  protected rest = new Map<string, T>()
  /** How many texts are remembered. */
  size = 0

  /** Remembers key → value in the list of `place` (-1: none, a long text) while it has room, else in the Map. */
  protected remember(key: string, place: number, value: T): void {
    if (place >= 0) {
      let list = this.places[place]
      if (list === undefined) this.places[place] = list = []
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] === key) {
          list[i + 1] = value
          return
        }
      }
      if (list.length < 2 * PER_PLACE) {
        list.push(key, value)
        this.size++
        return
      }
    }
    if (!this.rest.has(key)) this.size++
    this.rest.set(key, value)
  }

  clear(): void {
    this.places = []
    this.rest.clear()
    this.size = 0
  }
}

/**
 * What the generated scorer remembers per attribute value (generate.ts): a Map's get, set, size
 * and clear, with short texts found by their length and first character first. A value read from
 * a file or a request is a new string each time, and a Map must hash all of it before it can look;
 * here a text is compared only with the few remembered texts of its length and of its first
 * character's last four bits, which for the values of a category column (a country, a lead
 * source) means one or two comparisons that stop at the first differing character. (By length
 * alone, the two-letter codes of countries filled their place and went to the Map.) Texts of a
 * place already holding PER_PLACE, and long texts, go to a Map.
 */
export class TextMemo<T> extends PlacedMemo<T> {
  get(text: string): T | undefined {
    const length = text.length
    if (length <= MAX_LENGTH) {
      const list = this.places[length === 0 ? 0 : (length << 4) | (text.charCodeAt(0) & 15)]
      if (list === undefined) return undefined
      for (let i = 0; i < list.length; i += 2) if (list[i] === text) return list[i + 1] as T
      if (list.length < 2 * PER_PLACE) return undefined
    }
    return this.rest.get(text)
  }

  set(text: string, value: T): void {
    const length = text.length
    this.remember(text, length > MAX_LENGTH ? -1 : length === 0 ? 0 : (length << 4) | (text.charCodeAt(0) & 15), value)
  }
}

/**
 * What the generated scorer remembers per email domain (generate.ts), for an attribute whose
 * conditions read nothing but its domain and whether it is present: an email address is seldom
 * seen twice, but its domain is. A value is found by the part after its "@" when it has exactly
 * one, compared in place with the remembered domains of that length.
 *
 * Only domains that normalising cannot change except by case are remembered: printable ASCII
 * without spaces or "@". For such a text, trimming leaves the domain alone and lower-casing maps
 * it character by character, so every text with that domain after its only "@" has the same
 * normalised domain (DESIGN §5), is present, and answers every such condition the same way.
 */
export class DomainMemo<T> extends PlacedMemo<T> {
  get(text: string): T | undefined {
    const at = text.indexOf('@')
    if (at < 0) return undefined
    const length = text.length - at - 1
    if (length <= MAX_LENGTH) {
      const list = this.places[length]
      if (list === undefined) return undefined
      // Equal to a remembered domain, which holds no "@": so this "@" is the text's only one. (endsWith
      // compares in one call; startsWith, which V8 writes out inline, reads the text a character at a time.)
      for (let i = 0; i < list.length; i += 2) if (text.endsWith(list[i] as string)) return list[i + 1] as T
      if (list.length < 2 * PER_PLACE) return undefined
    }
    return this.rest.get(text.slice(at + 1))
  }

  /** Remembers the value of the text's domain, when it has one that can be remembered (see above). */
  set(text: string, value: T): void {
    const at = text.indexOf('@')
    if (at < 0) return
    for (let i = at + 1; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (code <= 32 || code >= 127 || code === 64) return
    }
    const domain = text.slice(at + 1)
    this.remember(domain, domain.length > MAX_LENGTH ? -1 : domain.length, value)
  }
}
