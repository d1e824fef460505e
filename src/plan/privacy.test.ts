import { describe, expect, it } from 'vitest'
import { looksLikeCardNumber, scrubEmails, scrubUrl, secretParams } from './privacy'

describe('scrubUrl', () => {
  it('removes the built-in secret parameters, whatever their case, and keeps the others exactly', () => {
    expect(scrubUrl('https://academy.test/reset?Token=abc&step=2&q=a%20b+c&reset_token=x&CODE=1&password=p&key=k&auth=a&session=s')).toBe(
      'https://academy.test/reset?step=2&q=a%20b+c',
    )
    expect(scrubUrl('https://academy.test/x?token=1')).toBe('https://academy.test/x')
    expect(scrubUrl('?token=1&a=2')).toBe('?a=2')
    expect(scrubUrl('?token=1')).toBe('')
  })

  it('removes the extra parameters a page names, and secrets in a #a=b fragment', () => {
    const secret = secretParams(['Promo_Code'])
    expect(scrubUrl('/c?promo_code=SPRING&x=1#access_token=abc&tab=2', secret)).toBe('/c?x=1#tab=2')
    expect(scrubUrl('/c#section-2', secret)).toBe('/c#section-2')
  })

  it('replaces e-mail addresses anywhere, raw or percent-encoded, and drops a jsessionid path parameter', () => {
    expect(scrubUrl('https://academy.test/users/jane.doe@example.com/profile?email=jane%40example.com&ref=john%40example.org')).toBe(
      'https://academy.test/users/[redacted]/profile?ref=[redacted]',
    )
    expect(scrubUrl('https://academy.test/store/cart.jsp;jsessionid=0A1B2C3D?item=5')).toBe('https://academy.test/store/cart.jsp?item=5')
    expect(scrubEmails('Welcome back, jane.doe@example.com')).toBe('Welcome back, [redacted]')
  })
})

describe('looksLikeCardNumber', () => {
  it('is true for 13 to 19 Luhn-valid digits, spaces or dashes allowed', () => {
    expect(['4111111111111111', '4111 1111 1111 1111', '5555-5555-5555-4444', '378282246310005', '4222222222222'].map(looksLikeCardNumber)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ])
  })

  it('is false for other numbers: Luhn-invalid, too short or long, or not only digits', () => {
    expect(['4111111111111112', '411111111111', '41111111111111111111', 'P-4111111111111111', '49.99', '19195550100'].map(looksLikeCardNumber)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ])
  })
})
