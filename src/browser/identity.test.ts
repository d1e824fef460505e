import type { Analytics } from '@segment/analytics-next'
import { describe, expect, it } from 'vitest'
import { applyIdentity, userIdOf } from './identity'

describe('userIdOf: data-user-id as the page renders it', () => {
  it.each([
    ['a signed-in user', 'U-1001', 'U-1001'],
    ['digits', '448812', '448812'],
    ['a UUID', '5f1c1a4e-8a0b-4f43-9c39-2d1e4b6f7a10', '5f1c1a4e-8a0b-4f43-9c39-2d1e4b6f7a10'],
    ['an identity provider id', 'auth0|5f1c1a4e', 'auth0|5f1c1a4e'],
    ['spaces around it, trimmed', '  U-7\n', 'U-7'],
    ['empty: no one is signed in', '', ''],
  ])('%s', (_, value, userId) => {
    const warnings: string[] = []
    expect(userIdOf(value, (m) => warnings.push(m))).toBe(userId)
    expect(warnings).toEqual([])
  })

  it.each([
    ['blank', '   '],
    ['an unrendered JSP expression', '${sessionScope.user.id}'],
    ['a stringified null', 'null'],
    ['a stringified undefined', 'undefined'],
    ['NaN', 'NaN'],
    ['an object', '[object Object]'],
    ['an e-mail address', 'ann@example.org'],
    ['markup', '<c:out value="x"/>'],
    ['absurdly long', 'U'.repeat(256)],
  ])('%s: a warning, and the identity is left as it is', (_, value) => {
    const warnings: string[] = []
    expect(userIdOf(value, (m) => warnings.push(m))).toBeUndefined()
    expect(warnings).toEqual([`data-user-id="${value.slice(0, 60)}" is not a user id; the browser's identity is left as it is`])
  })
})

/** The calls applyIdentity makes on an AnalyticsBrowser holding `held`. */
function run(userId: string, held: string | null): string[] {
  const calls: string[] = []
  const instance = {
    user: () => ({ id: () => held, traits: (traits: unknown) => calls.push(`traits(${JSON.stringify(traits)})`) }),
    reset: () => calls.push('reset'),
    identify: (id: string, traits: object) => (calls.push(`identify(${id}, ${JSON.stringify(traits)})`), Promise.resolve()),
  } as unknown as Analytics
  applyIdentity(instance, userId, { timestamp: new Date() })
  return calls
}

describe('applyIdentity: the table of contract §4', () => {
  it('a user the browser does not hold: identify, no traits', () => {
    expect(run('U-1', null)).toEqual(['traits(null)', 'identify(U-1, {})'])
  })
  it('the same user: nothing', () => {
    expect(run('U-1', 'U-1')).toEqual([])
  })
  it('another user: reset, then identify', () => {
    expect(run('U-2', 'U-1')).toEqual(['reset', 'traits(null)', 'identify(U-2, {})'])
  })
  it('no one signed in while the browser holds a user: reset', () => {
    expect(run('', 'U-1')).toEqual(['reset'])
  })
  it('no one signed in, no one held: nothing', () => {
    expect(run('', null)).toEqual([])
  })
})
