import { describe, expect, it } from 'vitest'
import { anonymousIdFromCookie } from './cookie'

const ID = '5f1c1a4e-8a0b-4f43-9c39-2d1e4b6f7a10'

describe('anonymousIdFromCookie', () => {
  it.each<[string, string | readonly string[] | null | undefined, string | undefined]>([
    ['as analytics-next writes it (the bare id)', `ajs_anonymous_id=${ID}`, ID],
    ['among other cookies, with spaces', `theme=dark; ajs_user_id=U-1;  ajs_anonymous_id=${ID} ; JSESSIONID=abc`, ID],
    ['as older analytics.js wrote it: JSON, percent-encoded', `ajs_anonymous_id=%22${ID}%22`, ID],
    ['JSON with bare quotes', `ajs_anonymous_id="${ID}"`, ID],
    ['a custom id with encoded characters', 'ajs_anonymous_id=visitor%3A42', 'visitor:42'],
    ['the first of two (the most specific path comes first)', `ajs_anonymous_id=${ID}; ajs_anonymous_id=other`, ID],
    ['a header given as an array of lines', ['a=1', `ajs_anonymous_id=${ID}`], ID],
    ['no cookie of that name', 'ajs_anonymous_idx=1; x_ajs_anonymous_id=2', undefined],
    ['an empty value', 'ajs_anonymous_id=', undefined],
    ['empty quotes', 'ajs_anonymous_id=%22%22', undefined],
    ['a value without quotes is kept whole', 'ajs_anonymous_id=%5B1%5D', '[1]'],
    ['a quoted value that is not JSON keeps its inside', 'ajs_anonymous_id="a\\x"', 'a\\x'],
    ['broken percent-encoding is kept as written', 'ajs_anonymous_id=%E0%A4%A', '%E0%A4%A'],
    ['control characters', 'ajs_anonymous_id=a%0Ab', undefined],
    ['an absurdly long value', `ajs_anonymous_id=${'a'.repeat(201)}`, undefined],
    ['no header', undefined, undefined],
    ['null', null, undefined],
    ['an empty header', '', undefined],
  ])('%s', (_, header, expected) => {
    expect(anonymousIdFromCookie(header)).toBe(expected)
  })

  it('reads what the tag leaves in the browser: the same id it sends with its events', () => {
    // analytics-next stores the id as the cookie value, percent-encoding only what cookies cannot hold.
    expect(anonymousIdFromCookie(`ajs_anonymous_id=${encodeURIComponent(ID)}; ajs_user_id=`)).toBe(ID)
  })
})
