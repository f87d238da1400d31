/**
 * What the generated scorer remembers per attribute value (generate.ts): a Map's get, set, size
 * and clear, with short texts found by their length first. A value read from a file or a request
 * is a new string each time, and a Map must hash all of it before it can look; here a text is
 * compared only with the few remembered texts of its length, which for the values of a category
 * column (a country, a lead source) means one or two comparisons that stop at the first
 * differing character. Texts of a length already holding PER_LENGTH, and long texts, go to a Map.
 */
export class TextMemo<T> {
  private byLength: (unknown[] | undefined)[] = []
  private rest = new Map<string, T>()
  /** How many texts are remembered. */
  size = 0

  get(text: string): T | undefined {
    const length = text.length
    if (length <= MAX_LENGTH) {
      const list = this.byLength[length]
      if (list === undefined) return undefined
      for (let i = 0; i < list.length; i += 2) if (list[i] === text) return list[i + 1] as T
      if (list.length < 2 * PER_LENGTH) return undefined
    }
    return this.rest.get(text)
  }

  set(text: string, value: T): void {
    const length = text.length
    if (length <= MAX_LENGTH) {
      let list = this.byLength[length]
      if (list === undefined) this.byLength[length] = list = []
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] === text) {
          list[i + 1] = value
          return
        }
      }
      if (list.length < 2 * PER_LENGTH) {
        list.push(text, value)
        this.size++
        return
      }
    }
    if (!this.rest.has(text)) this.size++
    this.rest.set(text, value)
  }

  clear(): void {
    this.byLength = []
    this.rest.clear()
    this.size = 0
  }
}

/** Texts up to this long are found by length first. */
const MAX_LENGTH = 64
/** Texts remembered per length before the rest go to the Map. */
const PER_LENGTH = 4
