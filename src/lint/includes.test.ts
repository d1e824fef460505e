import { describe, expect, it } from 'vitest'
import { assemble, origin } from './includes'

const files: Record<string, string> = {
  'app/page.jsp': '<%@ include file="top.jsp" %>\n<p id="own">own</p>\n<jsp:include page="/WEB-INF/side.jsp"><jsp:param name="a" value="b"/></jsp:include>\n<jsp:directive.include file="xml.jspf"/>\n<%-- <%@ include file="commented.jsp" %> --%>\n<jsp:include page="${dynamic}"/>',
  'app/top.jsp': '<body>\n<h1 id="top">top</h1>',
  'app/xml.jspf': '<i id="xml">xml</i>',
  'root/WEB-INF/side.jsp': '<aside id="side">side</aside>',
}
const sources = (webRoot?: string) => ({ read: (file: string) => files[file], webRoot })

describe('assemble', () => {
  it('puts each literal include in place, and maps every part of the page back to its file and offset', () => {
    const page = assemble('app/page.jsp', sources('root'))
    expect(page.notes).toEqual([])
    for (const [id, file] of [['top', 'app/top.jsp'], ['own', 'app/page.jsp'], ['side', 'root/WEB-INF/side.jsp'], ['xml', 'app/xml.jspf']] as const) {
      const at = origin(page, page.text.indexOf(`id="${id}"`))
      expect(at.file).toBe(file)
      expect(files[file]!.slice(at.index)).toMatch(new RegExp(`^id="${id}"`))
    }
    expect(page.text.indexOf('id="top"')).toBeLessThan(page.text.indexOf('id="own"'))
    expect(page.text.indexOf('id="own"')).toBeLessThan(page.text.indexOf('id="side"'))
  })

  it('says where an include from the web root needs --web-root; follows neither a commented nor a dynamic include', () => {
    const page = assemble('app/page.jsp', sources())
    expect(page.notes.map((note) => [note.file, files[note.file]!.slice(note.index, note.index + 12), note.message])).toEqual([
      ['app/page.jsp', '<jsp:include', '/WEB-INF/side.jsp is included from the web root; give --web-root <folder> to check the page with it'],
    ])
  })

  it('names an included file that is not there, and checks the page without it', () => {
    const page = assemble('a.jsp', { read: (file) => (file === 'a.jsp' ? '<body><%@ include file="gone.jsp" %><p>' : undefined) })
    expect(page.notes.map((note) => note.message)).toEqual(['included file gone.jsp not found (gone.jsp); the page is checked without it'])
    expect(page.text).toContain('<p>')
  })
})
