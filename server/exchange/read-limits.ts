// Limits checked while reading, before anything big is built: count what a file holds by scanning
// its bytes (placemarks, rows, records) and stop at the limit + 1, so a hostile file is refused in
// the time it takes to count, not to parse.
import { InvalidFile } from './import-error.ts'

/** How many times `needle` occurs in `text`, counting no further than `stopAfter`. */
export function countUpTo(text: string, needle: string, stopAfter: number): number {
  let count = 0
  for (let at = text.indexOf(needle); at !== -1 && count < stopAfter; ) {
    count++
    at = text.indexOf(needle, at + needle.length)
  }
  return count
}

/** The refusal: which limit, and what to do. */
export function tooMany(what: string, max: number): InvalidFile {
  return new InvalidFile(`${what}过多（超过 ${max} 个），一次最多导入 ${max} 个；请分批导入`)
}
