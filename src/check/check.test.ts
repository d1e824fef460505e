import { gzipSync } from 'node:zlib'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../lint/cli'
import { checkText } from './check'
import { check } from './cli'

const java = { library: { name: 'analytics-java', version: '3.5.5' } }
const line = (event: object) => JSON.stringify({ context: java, ...event })
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString()

function run(args: string[], stdin: string | Buffer = '', cwd = process.cwd()) {
  const out: string[] = []
  const err: string[] = []
  const code = check(args, { write: (t: string) => out.push(t) }, { write: (t: string) => err.push(t) }, cwd, [typeof stdin === 'string' ? Buffer.from(stdin) : stdin])
  return code.then((code) => ({ code, out: out.join(''), err: err.join('') }))
}

describe('checkText', () => {
  it('judges each line as the collector would, in order, at its receivedAt or timestamp', () => {
    const text = [
      line({ type: 'identify', userId: 'U-1', traits: { email: 'a@b.c' }, receivedAt: at(0) }),
      '',
      line({ type: 'track', event: 'User Signed In', userId: 'U-1', receivedAt: at(10) }),
      line({ type: 'identify', userId: 'U-2', traits: { email: 'a@b.c' }, timestamp: at(20) }),
      line({ type: 'track', event: 'User Signed In', userId: 'U-2', timestamp: at(51) }),
      line({ type: 'track', event: 'Product Added', properties: { product_id: 'P', price: '1' } }),
      'not json',
      '[1]',
    ].join('\r\n')
    expect(checkText(text)).toEqual({
      events: 7,
      bad: 5,
      problems: [
        {
          line: 4,
          event: 'identify',
          message: 'Identify not followed by User Signed Up, User Signed In, User Updated Profile or User Viewed Licenses for the same userId within 30 s',
        },
        { line: 5, event: 'User Signed In', message: 'Identify missing before User Signed In' },
        { line: 6, event: 'Product Added', message: 'price "1" is not of type number' },
        { line: 7, event: '', message: expect.stringMatching(/^not JSON: /) },
        { line: 8, event: '', message: 'not an event: no type' },
      ],
    })
  })

  it('calls an Identify at the end of the file without its Track bad', () => {
    expect(checkText(line({ type: 'identify', userId: 'U-1', traits: { email: 'a@b.c' } })).bad).toBe(1)
    expect(checkText('')).toEqual({ events: 0, bad: 0, problems: [] })
  })
})

describe('academy-analytics check', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-'))
  fs.writeFileSync(path.join(dir, 'good.ndjson'), line({ type: 'track', event: 'Product Added', properties: { product_id: 'P' } }) + '\n')
  fs.writeFileSync(path.join(dir, 'bad.ndjson.gz'), gzipSync(line({ type: 'track', event: 'Order Placed' }) + '\n'))

  it('prints file:line: event: violation, exits 1 when an event is bad and 0 when none is', async () => {
    expect(await run(['good.ndjson'], '', dir)).toEqual({ code: 0, out: '', err: '1 event checked, all good\n' })
    expect(await run(['good.ndjson', 'bad.ndjson.gz'], '', dir)).toEqual({
      code: 1,
      out: 'bad.ndjson.gz:1: Order Placed: "Order Placed" is not an event of the tracking plan\n',
      err: '2 events checked, 1 bad\n',
    })
  })

  it('reads standard input for -', async () => {
    expect(await run(['-'], line({ type: 'group', groupId: 'g' }))).toEqual({
      code: 1,
      out: '(stdin):1: group: a group call is not in the tracking plan\n',
      err: '1 event checked, 1 bad\n',
    })
  })

  it('exits 2 on a file it cannot read or no file, and is reached through the command line entry', async () => {
    const missing = await run(['missing.ndjson'], '', dir)
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/^academy-analytics check: cannot read missing\.ndjson: /)
    expect((await run([])).code).toBe(2)
    expect((await run(['--help'])).out).toMatch(/^Usage: academy-analytics check /)
    const out: string[] = []
    expect(await main(['check', 'good.ndjson'], { write: (t: string) => out.push(t) }, { write: (t: string) => out.push(t) }, dir)).toBe(0)
    expect(out).toEqual(['1 event checked, all good\n'])
  })
})
