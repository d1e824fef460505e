import { describe, expect, it } from 'vitest'
import { maskJsp } from './jsp'

describe('maskJsp', () => {
  it('masks EL, scriptlets, comments and custom tags to ${x…} of the same length, line breaks kept', () => {
    const source = [
      '<%@ taglib prefix="c" uri="http://java.sun.com/jsp/jstl/core" %>',
      '<c:forEach items="${products}" var="p">',
      '<a data-a="${p.id}" data-b="<%= p.get("x") %>" data-c="<c:out value="${p.name}"/>" data-d=\'#{p.n == "}" ? 1 : 2}\'>',
      '<%-- over',
      'two lines --%></c:forEach>',
    ].join('\n')
    const masked = maskJsp(source)
    expect(masked).toHaveLength(source.length)
    expect(masked.split('\n')).toEqual([
      '${' + 'x'.repeat(61) + '}',
      '${' + 'x'.repeat(36) + '}',
      '<a data-a="${xxxx}" data-b="${xxxxxxxxxxxxxx}" data-c="${xxxxxxxxxxxxxxxxxxxxxxx}" data-d=\'${xxxxxxxxxxxxxxxxxx}\'>',
      '${xxxxxxx',
      'xxxxxxxxxxxxx}${xxxxxxxxx}',
    ])
  })

  it('leaves HTML, an escaped \\${…} and an unterminated construct alone', () => {
    for (const source of ['<p class="x">a { b } c</p>', '<p>\\${not.el}</p>', '<p data-x="${unclosed">', '<p><% no end'])
      expect(maskJsp(source)).toBe(source)
  })
})
